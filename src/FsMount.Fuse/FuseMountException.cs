namespace FsMount.Fuse;

/// <summary>A mount that could not be made, with a message meant for the person who asked for it.</summary>
public sealed class FuseMountException : IOException
{
    public FuseMountException(string message)
        : base(message)
    {
    }

    public FuseMountException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FuseMountException()
    {
    }
}
