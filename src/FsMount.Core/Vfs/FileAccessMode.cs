namespace FsMount.Core.Vfs;

/// <summary>What an open handle may do with the file's bytes.</summary>
public enum FileAccessMode
{
    Read,
    Write,
    ReadWrite,
}
