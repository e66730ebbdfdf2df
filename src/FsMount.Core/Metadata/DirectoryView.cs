using System.Diagnostics.CodeAnalysis;
using FsMount.Core.Vfs;

namespace FsMount.Core.Metadata;

/// <summary>
/// One directory's entries as presented at one moment: names (distinct, see
/// <see cref="Names.DuplicateNames"/>) and the nodes they lead to. Immutable, so a lookup or a
/// directory snapshot reads it without the namespace lock.
/// </summary>
internal sealed class DirectoryView
{
    private readonly Dictionary<string, Node> _byName;

    public DirectoryView(DirectoryNode directory, IReadOnlyList<ViewEntry> entries, StringComparer nameComparer)
    {
        Directory = directory;
        Entries = entries;
        _byName = new Dictionary<string, Node>(entries.Count, nameComparer);
        foreach (var entry in entries)
        {
            _byName.TryAdd(entry.Name, entry.Node);
        }
    }

    /// <summary>The node the view was built for (a folder's node can be replaced by a newer one after it was dropped).</summary>
    public DirectoryNode Directory { get; }

    /// <summary>Ordered by name (ordinal), the order directory reads return.</summary>
    public IReadOnlyList<ViewEntry> Entries { get; }

    public bool TryFind(string name, [NotNullWhen(true)] out Node? node) => _byName.TryGetValue(name, out node);
}
