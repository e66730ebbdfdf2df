namespace FsMount.EndToEnd.Tests.Model;

/// <summary>One step of the model test, applied the same way to a local folder and to the mount.</summary>
internal abstract record FileOperation
{
    /// <summary>Applies the step under <paramref name="root"/>; an exception is part of the outcome compared.</summary>
    public abstract void Apply(string root);

    protected static byte[] Bytes(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}

internal sealed record CreateFile(string Path, int Seed, int Length) : FileOperation
{
    public override void Apply(string root) => File.WriteAllBytes(System.IO.Path.Combine(root, Path), Bytes(Seed, Length));
}

internal sealed record WriteAt(string Path, int Offset, int Seed, int Length) : FileOperation
{
    public override void Apply(string root)
    {
        using var stream = new FileStream(System.IO.Path.Combine(root, Path), FileMode.Open, FileAccess.Write);
        stream.Position = Offset;
        stream.Write(Bytes(Seed, Length));
    }
}

internal sealed record Append(string Path, int Seed, int Length) : FileOperation
{
    public override void Apply(string root)
    {
        using var stream = new FileStream(System.IO.Path.Combine(root, Path), FileMode.Append, FileAccess.Write);
        stream.Write(Bytes(Seed, Length));
    }
}

internal sealed record Truncate(string Path, int Length) : FileOperation
{
    public override void Apply(string root)
    {
        using var stream = new FileStream(System.IO.Path.Combine(root, Path), FileMode.Open, FileAccess.Write);
        stream.SetLength(Length);
    }
}

internal sealed record RenameFile(string From, string To) : FileOperation
{
    public override void Apply(string root) => File.Move(System.IO.Path.Combine(root, From), System.IO.Path.Combine(root, To), overwrite: true);
}

internal sealed record RenameDirectory(string From, string To) : FileOperation
{
    public override void Apply(string root) => Directory.Move(System.IO.Path.Combine(root, From), System.IO.Path.Combine(root, To));
}

internal sealed record DeleteFile(string Path) : FileOperation
{
    public override void Apply(string root) => File.Delete(System.IO.Path.Combine(root, Path));
}

internal sealed record MakeDirectory(string Path) : FileOperation
{
    public override void Apply(string root) => Directory.CreateDirectory(System.IO.Path.Combine(root, Path));
}

internal sealed record RemoveDirectory(string Path) : FileOperation
{
    public override void Apply(string root) => Directory.Delete(System.IO.Path.Combine(root, Path));
}
