namespace FsMount.EndToEnd.Tests;

/// <summary>
/// A local tree to copy into a mount: nested folders, files from empty to a few MiB of random
/// bytes, and names the service cannot hold as typed (quotes, <c>$</c>, <c>&lt;&gt;</c>, backslash,
/// leading and trailing spaces, emoji), which the client must encode and decode back.
/// </summary>
internal static class LocalTree
{
    public static readonly string[] Folders = ["docs", "docs/deep", "média", " spaced folder ", "🎉"];

    public static readonly (string Path, int Size)[] Files =
    [
        ("readme.txt", 1_234),
        ("empty", 0),
        ("docs/report 2024.pdf", 300 * 1024),
        ("docs/deep/AC'DC \"live\" $5 <b>.txt", 4_321),
        ("docs/deep/back\\slash.txt", 99),
        ("média/clip.bin", 3 * 1024 * 1024 + 17),
        (" spaced folder / leading and trailing ", 512),
        ("🎉/emoji 😀 name.txt", 2_048),
    ];

    /// <summary>Writes the tree under <paramref name="root"/>, with bytes from a seeded generator.</summary>
    public static string Create(string root, int seed)
    {
        var random = new Random(seed);
        foreach (var folder in Folders)
        {
            Directory.CreateDirectory(Path.Combine(root, folder));
        }

        foreach (var (path, size) in Files)
        {
            var bytes = new byte[size];
            random.NextBytes(bytes);
            File.WriteAllBytes(Path.Combine(root, path), bytes);
        }

        return root;
    }
}
