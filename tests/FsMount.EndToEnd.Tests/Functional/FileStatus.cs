namespace FsMount.EndToEnd.Tests.Functional;

/// <summary>What the suite compares of stat(2): the kind and the size.</summary>
internal readonly record struct FileStatus(bool IsDirectory, long Size);
