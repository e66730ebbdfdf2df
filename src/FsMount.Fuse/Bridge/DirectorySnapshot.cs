using FsMount.Core.Vfs;

namespace FsMount.Fuse.Bridge;

/// <summary>A directory's entries as they were at OPENDIR, so READDIR cookies (indexes into it) stay valid while it is open.</summary>
internal sealed record DirectorySnapshot(ulong NodeId, IReadOnlyList<DirectoryEntry> Entries);
