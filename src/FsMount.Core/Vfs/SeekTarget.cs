namespace FsMount.Core.Vfs;

/// <summary>What a seek for data or holes looks for (lseek's SEEK_DATA and SEEK_HOLE).</summary>
public enum SeekTarget
{
    Data,
    Hole,
}
