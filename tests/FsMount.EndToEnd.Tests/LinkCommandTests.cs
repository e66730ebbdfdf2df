using FsMount.Emulator;
using FsMount.Testing;

namespace FsMount.EndToEnd.Tests;

/// <summary>
/// <c>fsmount link</c> of paths of an account (with its account options) against the emulator with the
/// service's strict rules: without a mount, over the account's cache folder (its saved listings spare a
/// second run any listing); with a running mount of the account, through the mount's cache (no listing
/// of its own). The links are the service's; the key is in no output.
/// </summary>
public sealed class LinkCommandTests
{
    private const string Listing = "/v1/folder/ls.cgi";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_mount_paths_of_the_account_print_the_services_links_and_one_line_per_path_without_one()
    {
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Strict, Token);
        var environment = RuntimeFolder.EnvironmentFor(account);
        var (film, notes) = await UploadFilesAsync(account);

        var one = await FsmountAsync(environment, ["link", "/films/a.mkv", .. account.MountArguments()]);
        var several = await FsmountAsync(environment, ["link", "films/a.mkv", "/films/missing.mkv", "/notes.txt", "/films", .. account.MountArguments()]);

        Assert.Equal((0, film + "\n", ""), (one.ExitCode, one.OutputText, one.Error));
        Assert.Equal(1, several.ExitCode);
        Assert.Equal($"films/a.mkv\t{film}\n/notes.txt\t{notes}\n", several.OutputText);
        Assert.Equal(
            [
                "fsmount: /films/missing.mkv is not a file of the account; give its path from the account's root, such as /films/a.mkv",
                "fsmount: /films is a folder; give a file (the service gives folders no link)",
            ],
            Lines(several.Error));

        // The first run listed the root and films; the second found both in the saved listings.
        Assert.Equal(2, await account.CallsAsync(Listing, Token));
        Assert.Equal(0, await account.FloodRejectionsAsync(Token));
        AssertKeyAbsent(account.Server.ApiKey, one, several);
    }

    [Fact]
    public async Task With_a_mount_of_the_account_the_mount_answers_from_its_cache()
    {
        FuseAvailability.RequireOrSkip();
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Strict, Token);
        var environment = RuntimeFolder.EnvironmentFor(account);
        var (film, notes) = await UploadFilesAsync(account);
        var mountPoint = account.CreateDirectory("mnt");
        await using var mount = await FsMountProcess.StartAsync(mountPoint, environment, account.MountArguments());
        Assert.Equal(["a.mkv"], Directory.GetFiles(Path.Combine(mountPoint, "films")).Select(Path.GetFileName));
        var listedByTheMount = await account.CallsAsync(Listing, Token);
        await File.WriteAllTextAsync(Path.Combine(mountPoint, "draft.txt"), "not uploaded yet", Token);

        var links = await FsmountAsync(environment, ["link", "/films/a.mkv", "/notes.txt", "/draft.txt", .. account.MountArguments()]);

        Assert.Equal(1, links.ExitCode);
        Assert.Equal($"/films/a.mkv\t{film}\n/notes.txt\t{notes}\n", links.OutputText);
        Assert.Equal(
            ["fsmount: /draft.txt has no link yet: its upload is still pending (try again once it is uploaded)"],
            Lines(links.Error));
        Assert.Equal(listedByTheMount, await account.CallsAsync(Listing, Token));
        Assert.Equal(0, await account.FloodRejectionsAsync(Token));
        Assert.DoesNotContain(account.Server.ApiKey, links.OutputText + links.Error + mount.Output, StringComparison.Ordinal);
        await mount.StopCleanlyAsync();
    }

    /// <summary>/films/a.mkv and /notes.txt, uploaded through the API; their links as the service reported them.</summary>
    private static async Task<(string Film, string Notes)> UploadFilesAsync(EmulatedAccount account)
    {
        var local = Path.Combine(account.CreateDirectory("local"), "content");
        await File.WriteAllBytesAsync(local, new byte[10_000], Token);
        var films = await account.Client.CreateFolderAsync(0, "films", Token);
        var film = await account.Client.UploadFileAsync(local, films.FolderId, "a.mkv", progress: null, Token);
        var notes = await account.Client.UploadFileAsync(local, 0, "notes.txt", progress: null, Token);
        return (film.Url, notes.Url);
    }

    private static void AssertKeyAbsent(string key, params ProcessResult[] results)
    {
        foreach (var result in results)
        {
            Assert.DoesNotContain(key, result.OutputText + result.Error, StringComparison.Ordinal);
        }
    }

    private static Task<ProcessResult> FsmountAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        ChildProcess.RunAsync(TimeSpan.FromMinutes(1), FsMountProcess.CreateStartInfo(environment, arguments));

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
