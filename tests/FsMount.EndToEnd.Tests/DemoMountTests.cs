using FsMount.Testing;

namespace FsMount.EndToEnd.Tests;

/// <summary>The README's "try it" command: <c>fsmount mount MOUNTPOINT --emulator DIR</c> with no key anywhere.</summary>
public sealed class DemoMountTests
{
    private static readonly IReadOnlyDictionary<string, string> s_noKey = new Dictionary<string, string>();

    [Fact]
    public async Task Emulator_mount_shows_the_sample_files_and_keeps_them_across_restarts()
    {
        FuseAvailability.RequireOrSkip();
        var work = Directory.CreateTempSubdirectory("fsmount-demo-").FullName;
        try
        {
            var mountPoint = Directory.CreateDirectory(Path.Combine(work, "mnt")).FullName;
            var data = Path.Combine(work, "account");

            var first = await ListAsync(mountPoint, data);
            var second = await ListAsync(mountPoint, data);

            Assert.Contains("Welcome to FsMount.txt", first, StringComparison.Ordinal);
            Assert.Contains("Café crème – notes.txt", first, StringComparison.Ordinal);
            Assert.Equal(first, second);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Mounts the demo account, lists it recursively and reads the welcome file, then stops with SIGTERM.</summary>
    private static async Task<string> ListAsync(string mountPoint, string data)
    {
        await using var mount = await FsMountProcess.StartAsync(mountPoint, s_noKey, "--emulator", data);
        var listing = await ChildProcess.OutputOfAsync("ls", "-R", mountPoint);
        var welcome = await ChildProcess.OutputOfAsync("cat", Path.Combine(mountPoint, "Welcome to FsMount.txt"));
        Assert.Contains("emulated 1fichier.com account", welcome, StringComparison.Ordinal);
        Assert.Equal(0, await mount.StopAsync());
        return listing.Replace(mountPoint, "", StringComparison.Ordinal);
    }
}
