namespace FsMount.EndToEnd.Tests.Functional;

/// <summary>A node as a LOOKUP (or the core's lookup) describes it.</summary>
internal readonly record struct NodeInfo(ulong Node, bool IsDirectory, long Size);
