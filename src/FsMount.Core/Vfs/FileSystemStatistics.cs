namespace FsMount.Core.Vfs;

/// <summary>Capacity of the mounted account, in bytes.</summary>
public readonly record struct FileSystemStatistics(long TotalBytes, long FreeBytes);
