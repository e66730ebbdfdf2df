using FsMount.Testing;

namespace FsMount.Emulator.Tests.Hosting;

public sealed class RunAsyncTests
{
    [Theory]
    [InlineData("--limits", "bogus")]
    [InlineData("--latency", "fast")]
    [InlineData("--fail-rate", "2")]
    [InlineData("--no-such-option", "1")]
    [InlineData("--public-url", "ftp://x")]
    [InlineData("--flood-code", "500")]
    [InlineData("--rate", "0")]
    [InlineData("--drop-response-rate", "1.5")]
    [InlineData("--drop-response-endpoints", "folder/ls.cgi")]
    [InlineData("--fault-seed", "seven")]
    public async Task Bad_options_return_2(string option, string value)
    {
        string data = Directory.CreateTempSubdirectory("fsmount-emulator-run-").FullName;
        try
        {
            int exit = await EmulatorServer.RunAsync(["--data", data, option, value], TestContext.Current.CancellationToken);

            Assert.Equal(2, exit);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Missing_data_returns_2()
    {
        Assert.Equal(2, await EmulatorServer.RunAsync(["--limits", "off"], TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Runs_until_cancelled_then_returns_0()
    {
        string data = Directory.CreateTempSubdirectory("fsmount-emulator-run-").FullName;
        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            Task<int> run = EmulatorServer.RunAsync(
                ["--data", data, "--urls", "http://127.0.0.1:0", "--latency", "50ms", "--bandwidth", "200Mbit", "--listing-lag", "10s", "--limits", "relaxed"],
                stop.Token);
            // The key file is written once the port is known to be free, before the server starts.
            string keyFile = Path.Combine(data, "api-key");
            await Eventually.TrueAsync(() => File.Exists(keyFile) && new FileInfo(keyFile).Length > 0, "the emulator has started");
            Assert.False(run.IsCompleted);
            await stop.CancelAsync();

            Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_port_in_use_returns_1_and_writes_nothing_into_the_data_folder()
    {
        await using TestSupport.TestEmulator running = await TestSupport.TestEmulator.StartAsync();
        string parent = Directory.CreateTempSubdirectory("fsmount-emulator-run-").FullName;
        try
        {
            string data = Path.Combine(parent, "data");
            int exit = await EmulatorServer.RunAsync(
                ["--data", data, "--urls", running.Server.BaseUrl.GetLeftPart(UriPartial.Authority)], TestContext.Current.CancellationToken);

            Assert.Equal(1, exit);
            // Not even the folder: a failed start must not leave a generated key behind.
            Assert.False(Directory.Exists(data), "the data folder was created before the port was found taken");
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [Fact]
    public async Task Sigterm_stops_the_process_with_exit_code_0()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "SIGTERM is a Unix signal");
        string data = Directory.CreateTempSubdirectory("fsmount-emulator-run-").FullName;
        try
        {
            using TestSupport.ChildEmulator child = await TestSupport.ChildEmulator.StartAsync(data);

            Assert.Equal(0, await child.TerminateAsync());
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
