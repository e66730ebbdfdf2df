namespace FsMount.Emulator.Tests.TestSupport;

/// <summary>An in-process emulator on a free loopback port, in its own temp folder, with an authenticated client.</summary>
internal sealed class TestEmulator : IAsyncDisposable
{
    private readonly bool _ownsDirectory;

    private TestEmulator(EmulatorServer server, string dataDirectory, bool ownsDirectory)
    {
        Server = server;
        DataDirectory = dataDirectory;
        _ownsDirectory = ownsDirectory;
        Api = new ApiClient(server.BaseUrl, server.ApiKey);
    }

    public EmulatorServer Server { get; }

    public string DataDirectory { get; }

    public ApiClient Api { get; }

    public static string NewDataDirectory() => Directory.CreateTempSubdirectory("fsmount-emulator-test-").FullName;

    /// <summary>Starts with limits off unless <paramref name="options"/> says otherwise.</summary>
    public static async Task<TestEmulator> StartAsync(EmulatorOptions? options = null, bool ownsDirectory = true)
    {
        options ??= new EmulatorOptions { DataDirectory = NewDataDirectory(), Limits = EmulatorLimitsMode.Off };
        EmulatorServer server = await EmulatorServer.StartAsync(options, TestContext.Current.CancellationToken);
        return new TestEmulator(server, options.DataDirectory, ownsDirectory);
    }

    public ApiClient NewClient(string? apiKey) => new(Server.BaseUrl, apiKey);

    /// <summary>The files in a folder of the data directory (<c>tmp</c> for uploads in progress, <c>blobs</c> for bodies).</summary>
    public IEnumerable<string> FilesIn(string dataSubfolder) => Directory.EnumerateFiles(Path.Combine(DataDirectory, dataSubfolder));

    /// <summary>Nothing was stored: the root lists no file and no body, finished or partial, is on the disk.</summary>
    public async Task AssertNothingStoredAsync()
    {
        Assert.Equal(0, await Api.CountFilesAsync(0));
        Assert.Empty(FilesIn("tmp"));
        Assert.Empty(FilesIn("blobs"));
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Server.DisposeAsync();
        if (_ownsDirectory)
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
