namespace FsMount.Core.Vfs;

/// <summary>
/// A node found by its path, and that path as the directories show it: each name in the case its
/// directory gives it (on a case-insensitive mount the caller's may differ), ready to be reported as
/// the normalized name of what was opened.
/// </summary>
public readonly record struct ResolvedPath(NodeAttributes Attributes, IReadOnlyList<string> Names);
