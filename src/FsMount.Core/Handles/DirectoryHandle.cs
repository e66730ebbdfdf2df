using FsMount.Core.Vfs;

namespace FsMount.Core.Handles;

/// <summary>
/// An open directory: its entries as they were at open, with the nodes behind them, so READDIR
/// cookies (indexes) stay valid and a READDIRPLUS reference can be taken on the very node the
/// snapshot names, whatever a refresh did meanwhile.
/// </summary>
internal sealed class DirectoryHandle
{
    public DirectoryHandle(DirectoryNode directory, IReadOnlyList<Node> nodes, IReadOnlyList<DirectoryEntry> entries)
    {
        Directory = directory;
        Nodes = nodes;
        Entries = entries;
    }

    public DirectoryNode Directory { get; }

    public IReadOnlyList<Node> Nodes { get; }

    public IReadOnlyList<DirectoryEntry> Entries { get; }
}
