using FsMount.OneFichier;

namespace FsMount.EndToEnd.Tests;

/// <summary>
/// A tree of folders and files uploaded to an account through the client, with a local copy of
/// every file to compare against: a 50 MiB file, an empty folder, nested folders, names with
/// spaces, accents, emoji and the characters the service forbids (which the client encodes), and
/// two files that share one name in one folder.
/// </summary>
internal sealed class SampleTree
{
    public const string DuplicateFolder = "Documents";
    public const string DuplicateName = "same name.txt";

    private static readonly string[] s_folders = ["Documents", "Documents/Notes", "Vidéos", "Empty folder", "🎉 party"];

    private static readonly (string Path, int Size)[] s_files =
    [
        ("readme.txt", 1_234),
        ("AC'DC \"live\" $5 <b>.txt", 4_321),
        ("Documents/report 2024.pdf", 300 * 1024),
        ("Documents/Notes/café crème.txt", 777),
        ("Vidéos/big movie.bin", 50 * 1024 * 1024),
        ("🎉 party/emoji 😀 name.txt", 2_048),
    ];

    private SampleTree(string localRoot, IReadOnlyList<string> folders, IReadOnlyList<(string Path, long Size)> files, IReadOnlyList<UploadedFile> duplicates)
    {
        LocalRoot = localRoot;
        Folders = folders;
        Files = files;
        Duplicates = duplicates;
    }

    /// <summary>Where the local copies are, under the same relative paths.</summary>
    public string LocalRoot { get; }

    public IReadOnlyList<string> Folders { get; }

    /// <summary>Every file with a single name, by relative path.</summary>
    public IReadOnlyList<(string Path, long Size)> Files { get; }

    /// <summary>The two uploads named <see cref="DuplicateName"/> in <see cref="DuplicateFolder"/>; local copies are named by their short id.</summary>
    public IReadOnlyList<UploadedFile> Duplicates { get; }

    public static async Task<SampleTree> UploadAsync(OneFichierClient client, string localRoot, CancellationToken cancellationToken)
    {
        var folderIds = new Dictionary<string, long> { [""] = 0 };
        foreach (var folder in s_folders)
        {
            var created = await client.CreateFolderAsync(folderIds[ParentOf(folder)], Path.GetFileName(folder), cancellationToken);
            folderIds[folder] = created.FolderId;
            Directory.CreateDirectory(Path.Combine(localRoot, folder));
        }

        foreach (var (path, size) in s_files)
        {
            var local = Path.Combine(localRoot, path);
            await File.WriteAllBytesAsync(local, RandomBytes(size), cancellationToken);
            await client.UploadFileAsync(local, folderIds[ParentOf(path)], Path.GetFileName(path), progress: null, cancellationToken);
        }

        var duplicates = new List<UploadedFile>();
        for (var copy = 0; copy < 2; copy++)
        {
            var staged = Path.Combine(localRoot, $"staged-duplicate-{copy}");
            await File.WriteAllBytesAsync(staged, RandomBytes(1_000 + copy), cancellationToken);
            var uploaded = await client.UploadFileAsync(staged, folderIds[DuplicateFolder], DuplicateName, progress: null, cancellationToken);
            File.Move(staged, Path.Combine(localRoot, ShortIdOf(uploaded)));
            duplicates.Add(uploaded);
        }

        return new SampleTree(localRoot, s_folders, s_files.Select(file => (file.Path, (long)file.Size)).ToList(), duplicates);
    }

    public static string ShortIdOf(UploadedFile file) => file.Url[(file.Url.IndexOf('?', StringComparison.Ordinal) + 1)..];

    private static string ParentOf(string path) => Path.GetDirectoryName(path) ?? "";

    private static byte[] RandomBytes(int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
