using FsMount.Core.Vfs;

namespace FsMount.WinFsp;

/// <summary>
/// A directory's entries as they were when an enumeration started, ordered by name (ordinal), plus
/// the directory's own attributes for its "." and ".." entries (null for the root, which has none).
/// </summary>
internal sealed record DirectoryListing(IReadOnlyList<DirectoryEntry> Entries, NodeAttributes? Self);
