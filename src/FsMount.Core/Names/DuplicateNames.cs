using System.Globalization;
using FsMount.Core.Metadata;

namespace FsMount.Core.Names;

/// <summary>
/// Gives every entry of a folder a distinct name, deterministically, without hiding any of them.
/// The service lets several files share a name, and a file share a folder's name. Among entries
/// that would show the same name:
/// <list type="number">
/// <item>the entry that shows that name now keeps it, so nothing the user is looking at is renamed
/// under them by a refresh, by an upload of a second file of that name, or by an overwrite (which
/// gives the file a new remote id);</item>
/// <item>then a folder (the lowest id);</item>
/// <item>then the oldest file (upload time; a staged file counts from its creation, so it is the newest; ties: ordinal id);</item>
/// <item>every other entry keeps the generated name it shows now, if it still is free, or is shown as
/// <c>stem (ID).ext</c> (folders: <c>name (ID)</c>), where ID is its 1fichier file id, folder id or
/// staging id; a generated name that is already taken is suffixed again until it is free.</item>
/// </list>
/// Plain names are claimed before any generated one, so a real name never loses to a generated one.
/// Names are first made presentable (<see cref="NamePolicy.Present"/>), so two remote names that look alike
/// once presented are told apart too. A fresh mount has no holders, so it shows the oldest under the
/// plain name: the same choice every time.
/// </summary>
internal static class DuplicateNames
{
    /// <param name="shownName">The name an entry's node shows in the folder now, if it does.</param>
    /// <returns>The entries with their presented names, ordered by name (ordinal).</returns>
    public static List<(string Name, ListingEntry Entry)> Present(
        IEnumerable<ListingEntry> entries,
        Func<ListingEntry, string?> shownName,
        NamePolicy names)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(shownName);
        ArgumentNullException.ThrowIfNull(names);

        var nameComparer = names.Comparer;
        var taken = new HashSet<string>(nameComparer);
        var presented = new List<(string Name, ListingEntry Entry)>();
        var renamed = new List<(string Name, ListingEntry Entry)>();
        foreach (var group in entries.GroupBy(e => names.Present(e.RemoteName), nameComparer).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var first = true;
            foreach (var entry in group
                .OrderByDescending(e => shownName(e) is { } shown && nameComparer.Equals(shown, group.Key))
                .ThenByDescending(e => e.IsDirectory)
                .ThenBy(e => e.Folder?.Id ?? 0)
                .ThenBy(Age)
                .ThenBy(Token, StringComparer.Ordinal))
            {
                var name = names.Present(entry.RemoteName);
                if (first && taken.Add(name))
                {
                    presented.Add((name, entry));
                }
                else
                {
                    renamed.Add((name, entry));
                }

                first = false;
            }
        }

        foreach (var (plain, entry) in renamed)
        {
            if (shownName(entry) is { } shown && IsGeneratedFrom(shown, plain, entry.IsDirectory) && taken.Add(shown))
            {
                presented.Add((shown, entry));
                continue;
            }

            var name = plain;
            do
            {
                name = entry.IsDirectory ? $"{name} ({Token(entry)})" : WithSuffixBeforeExtension(name, Token(entry));
            }
            while (!taken.Add(name));

            presented.Add((name, entry));
        }

        presented.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return presented;
    }

    private static DateTimeOffset Age(ListingEntry entry) => entry.File?.Uploaded ?? entry.Staged?.Created ?? DateTimeOffset.MinValue;

    private static string Token(ListingEntry entry) =>
        entry.Folder?.Id.ToString(CultureInfo.InvariantCulture) ?? entry.File?.ShortId ?? entry.Staged!.Id;

    // Whether a name has the shape this class gives plain name's duplicates ("stem (...).ext").
    private static bool IsGeneratedFrom(string name, string plain, bool isDirectory)
    {
        var dot = isDirectory ? -1 : plain.LastIndexOf('.');
        var (stem, extension) = dot > 0 ? (plain[..dot], plain[dot..]) : (plain, string.Empty);
        return name.Length > plain.Length + 3
            && name.StartsWith(stem + " (", StringComparison.Ordinal)
            && name.EndsWith(")" + extension, StringComparison.Ordinal);
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
