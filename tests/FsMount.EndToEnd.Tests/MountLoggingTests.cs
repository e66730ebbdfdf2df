using System.Text.RegularExpressions;
using FsMount.Emulator;
using FsMount.Testing;

namespace FsMount.EndToEnd.Tests;

/// <summary>
/// Where a mount's events go: under systemd (JOURNAL_STREAM set) stderr carries systemd's priority
/// prefixes and no colors or times; <c>--log-file</c> gets the same events, timestamped, in a file
/// only its owner can read; the key is in neither.
/// </summary>
public sealed class MountLoggingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Under_journald_lines_have_priority_prefixes_and_the_log_file_gets_the_events_timestamped()
    {
        FuseAvailability.RequireOrSkip();
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var mountPoint = account.CreateDirectory("mnt");
        var logFile = Path.Combine(account.WorkDirectory, "fsmount.log");
        var environment = new Dictionary<string, string>(account.KeyEnvironment) { ["JOURNAL_STREAM"] = "8:12345" };

        string output;
        await using (var mount = await FsMountProcess.StartAsync(mountPoint, environment, account.MountArguments("-v", "--log-file", logFile)))
        {
            await ChildProcess.OutputOfAsync("ls", mountPoint);
            await mount.StopCleanlyAsync();
            output = mount.Output;
        }

        var logged = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => !line.StartsWith("fsmount: ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(logged);
        Assert.All(logged, line => Assert.Matches(@"^<[0-7]>\S", line));
        Assert.Contains(logged, line => line.StartsWith("<7>", StringComparison.Ordinal) && line.Contains("1fichier folder/ls.cgi: OK in ", StringComparison.Ordinal));
        Assert.DoesNotContain('\u001b', output);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(logFile));
        var fileLines = await File.ReadAllLinesAsync(logFile, Token);
        Assert.All(fileLines, line => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d (trace|debug|information|warning|error|critical) \S+: ", line));
        Assert.Contains(fileLines, line => Regex.IsMatch(line, @" debug \S+: 1fichier folder/ls\.cgi: OK in "));
        Assert.Contains(fileLines, line => line.Contains("FUSE ", StringComparison.Ordinal));
        Assert.DoesNotContain(account.Server.ApiKey, output + string.Join('\n', fileLines), StringComparison.Ordinal);
    }
}
