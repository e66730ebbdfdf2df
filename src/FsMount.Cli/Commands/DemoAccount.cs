using System.Text;
using FsMount.Emulator;
using FsMount.OneFichier;

namespace FsMount.Cli.Commands;

/// <summary>
/// The account that <c>fsmount mount --emulator</c> serves: an emulator running in this process on
/// a free loopback port. The first time its data folder is created it gets a few sample files,
/// uploaded through the real client, so a new user sees something at once.
/// </summary>
internal sealed class DemoAccount : IAsyncDisposable
{
    private readonly bool _isNew;

    private DemoAccount(EmulatorServer server, string dataDirectory, bool isNew)
    {
        Server = server;
        DataDirectory = dataDirectory;
        _isNew = isNew;
    }

    public EmulatorServer Server { get; }

    /// <summary>Where the emulated account lives: the same account at every start, whatever port it gets.</summary>
    public string DataDirectory { get; }

    /// <summary>The mount's cache folder for this account: beside its data, so removing both resets the demo.</summary>
    public string DefaultCacheDirectory => DataDirectory + "-mount-cache";

    public static async Task<DemoAccount> StartAsync(string? directory, CancellationToken cancellationToken)
    {
        var dataDirectory = Path.GetFullPath(directory ?? Path.Combine(
            Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
            "fsmount",
            "emulator"));
        var isNew = !Directory.Exists(dataDirectory) || !Directory.EnumerateFileSystemEntries(dataDirectory).Any();
        var server = await EmulatorServer.StartAsync(new EmulatorOptions { DataDirectory = dataDirectory }, cancellationToken);
        return new DemoAccount(server, dataDirectory, isNew);
    }

    /// <summary>Uploads the sample files into a new account; an account already in use is left alone.</summary>
    public async Task FillWhenNewAsync(OneFichierClient client, CancellationToken cancellationToken)
    {
        if (!_isNew)
        {
            return;
        }

        await UploadTextAsync(client, 0, "Welcome to FsMount.txt", WelcomeText, cancellationToken);
        var samples = await client.CreateFolderAsync(0, "Samples", cancellationToken);
        await UploadTextAsync(client, samples.FolderId, "Café crème – notes.txt", "Names keep their accents, spaces and emoji 🎉.\n", cancellationToken);
        await UploadTextAsync(client, samples.FolderId, "numbers.csv", Numbers(), cancellationToken);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private static async Task UploadTextAsync(OneFichierClient client, long folderId, string name, string text, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        using var content = new MemoryStream(bytes, writable: false);
        await client.UploadAsync(content, bytes.Length, folderId, name, progress: null, cancellationToken);
    }

    private static string Numbers() =>
        "n,square\n" + string.Concat(Enumerable.Range(1, 1000).Select(n => $"{n},{n * n}\n"));

    private const string WelcomeText = """
        This folder is an emulated 1fichier.com account, served by FsMount's built-in emulator.

        Everything here went through the same code as a real account: the 1fichier client
        uploaded these files over HTTP, and the mount lists and reads them with ranged downloads.

        To mount your real account instead:
          fsmount mount MOUNTPOINT --api-key-file FILE   (or set FICHIER_API_KEY)

        """;
}
