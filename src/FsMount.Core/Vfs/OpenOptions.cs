namespace FsMount.Core.Vfs;

/// <summary>
/// How a file is opened, in platform-neutral terms: the adapter translates its own flags
/// (open(2)'s O_ACCMODE, O_TRUNC, O_APPEND; Windows' access masks) and the core decides what they mean.
/// </summary>
public readonly record struct OpenOptions(FileAccessMode Access, bool Truncate = false, bool Append = false)
{
    public bool Writes => Access != FileAccessMode.Read;

    public static OpenOptions ReadOnly => new(FileAccessMode.Read);
}
