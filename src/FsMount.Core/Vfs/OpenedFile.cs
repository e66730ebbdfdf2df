namespace FsMount.Core.Vfs;

/// <summary>An open handle and the attributes of the file it opened (a create also adds one lookup reference to the node).</summary>
public readonly record struct OpenedFile(ulong HandleId, NodeAttributes Attributes);
