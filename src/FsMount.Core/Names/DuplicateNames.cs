using System.Globalization;
using FsMount.Core.Metadata;
using FsMount.Core.Remote;

namespace FsMount.Core.Names;

/// <summary>
/// Gives every entry of a folder a distinct name, deterministically, without hiding any of them.
/// The service lets several files share a name, and a file share a folder's name.
/// <list type="bullet">
/// <item>A folder keeps its name (among folders sharing one, the lowest id keeps it).</item>
/// <item>Among files sharing a name, the newest upload (ties: ordinal <see cref="RemoteFile.ShortId"/>)
/// keeps it, unless a folder has it.</item>
/// <item>Every other entry is shown as <c>stem (ShortId).ext</c> (folders: <c>name (id)</c>); a
/// generated name that is already taken is suffixed again until it is free.</item>
/// </list>
/// Plain names are claimed before any generated one, so a real file never loses its name to a
/// generated one. Names are first made presentable (<see cref="PosixNames"/>), so two remote names
/// that look alike once presented are told apart too.
/// </summary>
internal static class DuplicateNames
{
    /// <summary>The entries of one folder, ordered by presented name (ordinal).</summary>
    public static IReadOnlyList<ListingEntry> Present(IReadOnlyList<RemoteFolder> folders, IReadOnlyList<RemoteFile> files)
    {
        ArgumentNullException.ThrowIfNull(folders);
        ArgumentNullException.ThrowIfNull(files);

        var taken = new HashSet<string>(StringComparer.Ordinal);
        var entries = new List<ListingEntry>(folders.Count + files.Count);
        var renamed = new List<(ListingEntry Entry, string Token)>();

        foreach (var group in folders.GroupBy(f => PosixNames.Present(f.Name), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var rank = 0;
            foreach (var folder in group.OrderBy(f => f.Id))
            {
                var entry = ListingEntry.ForFolder(group.Key, folder);
                if (rank++ == 0 && taken.Add(group.Key))
                {
                    entries.Add(entry);
                }
                else
                {
                    renamed.Add((entry, folder.Id.ToString(CultureInfo.InvariantCulture)));
                }
            }
        }

        foreach (var group in files.GroupBy(f => PosixNames.Present(f.Name), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var rank = 0;
            foreach (var file in group.OrderByDescending(f => f.Uploaded).ThenBy(f => f.ShortId, StringComparer.Ordinal))
            {
                var entry = ListingEntry.ForFile(group.Key, file);
                if (rank++ == 0 && taken.Add(group.Key))
                {
                    entries.Add(entry);
                }
                else
                {
                    renamed.Add((entry, file.ShortId));
                }
            }
        }

        foreach (var (entry, token) in renamed)
        {
            var name = entry.Name;
            do
            {
                name = entry.File is null ? $"{name} ({token})" : WithSuffixBeforeExtension(name, token);
            }
            while (!taken.Add(name));

            entries.Add(entry with { Name = name });
        }

        entries.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return entries;
    }

    // "movie.mkv" -> "movie (token).mkv"; a leading dot (".nfo") is part of the stem, not an extension.
    private static string WithSuffixBeforeExtension(string name, string token)
    {
        var dot = name.LastIndexOf('.');
        return dot > 0
            ? $"{name[..dot]} ({token}){name[dot..]}"
            : $"{name} ({token})";
    }
}
