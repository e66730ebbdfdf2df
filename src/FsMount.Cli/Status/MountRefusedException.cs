namespace FsMount.Cli.Status;

/// <summary>
/// A mount answered a request with an error: <see cref="OtherAccount"/> when it is of another account than the
/// one asked about (the asker then tries the next mount), else why it could not do it.
/// </summary>
internal sealed class MountRefusedException : IOException
{
    public MountRefusedException(string reason, bool otherAccount)
        : base($"the mount refused the request: {reason}")
    {
        Reason = reason;
        OtherAccount = otherAccount;
    }

    /// <summary>What the mount said.</summary>
    public string Reason { get; }

    /// <summary>Whether the mount declined because it is of another account.</summary>
    public bool OtherAccount { get; }
}
