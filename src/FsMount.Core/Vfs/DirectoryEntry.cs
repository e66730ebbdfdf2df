namespace FsMount.Core.Vfs;

/// <summary>One name in a directory snapshot, with the attributes of the node it names.</summary>
public readonly record struct DirectoryEntry(string Name, NodeAttributes Attributes);
