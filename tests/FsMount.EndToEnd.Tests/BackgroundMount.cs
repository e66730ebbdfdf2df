using System.Globalization;
using System.Text.Json.Nodes;
using FsMount.Testing;

namespace FsMount.EndToEnd.Tests;

/// <summary>
/// A mount running in the background (<c>--daemon</c>, <c>mount.fsmount</c>), found through its status
/// socket. Disposing unmounts it lazily and kills its process if it is still there, whatever the test did.
/// </summary>
internal sealed class BackgroundMount : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string> _environment;

    private BackgroundMount(string mountPoint, IReadOnlyDictionary<string, string> environment, int? processId)
    {
        MountPoint = mountPoint;
        _environment = environment;
        ProcessId = processId;
    }

    public string MountPoint { get; }

    /// <summary>The background process, as its status tells it; null when no status answered.</summary>
    public int? ProcessId { get; }

    public bool IsRunning => ProcessId is { } id && Directory.Exists($"/proc/{id.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The mount on <paramref name="mountPoint"/>, asked for its process id over its status socket.</summary>
    public static async Task<BackgroundMount> FindAsync(string mountPoint, IReadOnlyDictionary<string, string> environment)
    {
        var status = await ChildProcess.RunAsync(TimeSpan.FromMinutes(1), FsMountProcess.CreateStartInfo(environment, "status", mountPoint, "--json"));
        var processId = status.ExitCode == 0 ? JsonNode.Parse(status.OutputText)!["processId"]!.GetValue<int>() : (int?)null;
        return new BackgroundMount(mountPoint, environment, processId);
    }

    /// <summary>Unmounts it as a user would (<c>fsmount unmount</c>) and waits for its process to end.</summary>
    public async Task UnmountAsync()
    {
        var unmount = await ChildProcess.RunAsync(TimeSpan.FromMinutes(1), FsMountProcess.CreateStartInfo(_environment, "unmount", MountPoint));
        Assert.True(unmount.ExitCode == 0, unmount.Error);
        await Eventually.TrueAsync(() => !IsRunning, "the background mount's process ends");
    }

    // A background mount whose status never answered has no ProcessId: it is found by its command line.
    public async ValueTask DisposeAsync()
    {
        await ChildProcess.RunAsync("umount", "-l", MountPoint);
        foreach (var pid in ProcessesOn(MountPoint))
        {
            await ChildProcess.RunAsync("kill", "-KILL", pid.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Processes whose command line names <paramref name="mountPoint"/>: a background mount, if it is still there.</summary>
    public static List<int> ProcessesOn(string mountPoint) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(path => int.TryParse(Path.GetFileName(path), out var pid) ? pid : -1)
            .Where(pid => pid > 0 && pid != Environment.ProcessId && CommandLineOf(pid).Contains(mountPoint, StringComparison.Ordinal))];

    private static string CommandLineOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline");
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
