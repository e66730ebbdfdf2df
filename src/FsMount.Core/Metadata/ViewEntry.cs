using FsMount.Core.Vfs;

namespace FsMount.Core.Metadata;

/// <summary>A presented name and the node it leads to.</summary>
internal readonly record struct ViewEntry(string Name, Node Node);
