using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace FsMount.WinFsp;

/// <summary>
/// Files the Windows shell looks for in every folder it shows, which a 1fichier account almost never
/// holds (a folder's <c>desktop.ini</c>, thumbnail caches, <c>autorun.inf</c>). After the core once
/// found one missing, it is answered "not found" from memory for <see cref="Lifetime"/>, so browsing
/// does not list a folder again only to be told the same. What this mount creates or renames there is
/// forgotten at once; a file another client adds shows when the entry expires. Named streams such as
/// <c>Zone.Identifier</c> never get this far: the volume declares none, so WinFsp refuses them itself.
/// </summary>
internal sealed class ExplorerProbes
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    // Enough for the folders of a large tree; beyond it, expired entries go, then everything.
    private const int Capacity = 10_000;

    private static readonly FrozenSet<string> s_names = new[]
    {
        "desktop.ini", "thumbs.db", "ehthumbs.db", "ehthumbs_vista.db", "autorun.inf",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_nameLookup = s_names.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly ConcurrentDictionary<string, DateTimeOffset> _missing = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _time;

    public ExplorerProbes(TimeProvider time)
    {
        _time = time;
    }

    public static bool IsProbe(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return s_nameLookup.Contains(path.AsSpan(path.LastIndexOf(WindowsPath.Separator) + 1));
    }

    public bool IsKnownMissing(string path) =>
        _missing.TryGetValue(path, out var until) && _time.GetUtcNow() < until;

    public void RememberMissing(string path)
    {
        if (!IsProbe(path))
        {
            return;
        }

        if (_missing.Count >= Capacity)
        {
            var now = _time.GetUtcNow();
            foreach (var (expired, _) in _missing.Where(entry => entry.Value <= now))
            {
                _missing.TryRemove(expired, out _);
            }

            if (_missing.Count >= Capacity)
            {
                _missing.Clear();
            }
        }

        _missing[path] = _time.GetUtcNow() + Lifetime;
    }

    /// <summary>A file was created at <paramref name="path"/>.</summary>
    public void Forget(string path) => _missing.TryRemove(path, out _);

    /// <summary>A rename may have brought a probed name into any folder under it.</summary>
    public void ForgetAll() => _missing.Clear();
}
