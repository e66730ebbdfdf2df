using FsMount.Core.Errors;
using FsMount.Core.Vfs;
using Microsoft.Extensions.Logging;

namespace FsMount.WinFsp;

/// <summary>
/// The WinFsp callbacks on the core, one short method each: find the path or the open's node, call
/// <see cref="IVirtualFileSystem"/>, translate the answer (<see cref="NtStatusMap"/>,
/// <see cref="FileInfoEncoder"/>). Nothing here touches native memory: <see cref="WinFspHost"/>
/// unwraps the callbacks' pointers into these arguments and writes the results back, so all of it
/// runs, and is tested, on any platform. Nor is there policy: what a name, a write or a read-only
/// mount means is the core's answer.
/// </summary>
internal sealed partial class CoreFileSystem
{
    // The core's own defaults, so nothing extra is kept for files and folders made from Windows.
    private const uint FilePermissions = 0x1A4;      // 0644
    private const uint DirectoryPermissions = 0x1ED; // 0755

    private readonly IVirtualFileSystem _fileSystem;
    private readonly FileInfoEncoder _encoder;
    private readonly ExplorerProbes _probes;
    private readonly ILogger _logger;

    public CoreFileSystem(IVirtualFileSystem fileSystem, FileInfoEncoder encoder, ExplorerProbes probes, ILogger logger)
    {
        _fileSystem = fileSystem;
        _encoder = encoder;
        _probes = probes;
        _logger = logger;
    }

    /// <summary>Capacity from the core's cached account quota (asked of the service at most every few minutes).</summary>
    public async ValueTask<(int Status, FileSystemStatistics Statistics)> GetVolumeInfoAsync(CancellationToken cancellationToken)
    {
        var statistics = await _fileSystem.GetStatisticsAsync(cancellationToken);
        return statistics.IsSuccess ? (NtStatus.Success, statistics.Value) : (NtStatusMap.From(statistics.Error), default);
    }

    /// <summary>A path's attributes, for WinFsp's access check before an open (every file shows the mount's one descriptor).</summary>
    public async ValueTask<IoResult> GetSecurityByNameAsync(string path, CancellationToken cancellationToken)
    {
        var (status, found) = await FindAsync(path, cancellationToken);
        if (status != NtStatus.Success)
        {
            return IoResult.Failed(status);
        }

        _fileSystem.Forget(found.Attributes.NodeId, 1);
        return new IoResult(NtStatus.Success, _encoder.Encode(found.Attributes));
    }

    public async ValueTask<IoResult> GetFileInfoAsync(FileContext file, CancellationToken cancellationToken) =>
        Described(await _fileSystem.GetAttributesAsync(file.NodeId, cancellationToken));

    /// <summary>Finds a path, holding one reference on the node for the caller, or the status Windows expects for a miss.</summary>
    private async ValueTask<(int Status, ResolvedPath Found)> FindAsync(string path, CancellationToken cancellationToken)
    {
        if (_probes.IsKnownMissing(path))
        {
            return (NtStatus.ObjectNameNotFound, default);
        }

        var found = await _fileSystem.LookupPathAsync(WindowsPath.Split(path), cancellationToken);
        if (found.IsSuccess)
        {
            return (NtStatus.Success, found.Value);
        }

        if (found.Error is not (FsError.NotFound or FsError.NotDirectory))
        {
            return (NtStatusMap.From(found.Error), default);
        }

        // Windows tells a missing name (ERROR_FILE_NOT_FOUND) from a missing folder on the way (ERROR_PATH_NOT_FOUND).
        var status = await InParentAsync(path, failed => failed, (_, _) => ValueTask.FromResult(NtStatus.ObjectNameNotFound), cancellationToken);
        if (status == NtStatus.ObjectNameNotFound)
        {
            _probes.RememberMissing(path);
        }

        return (status, default);
    }

    /// <summary>
    /// Runs <paramref name="change"/> with the folder that holds the last name of <paramref name="path"/>,
    /// referenced for that time only; a folder missing on the way is Windows' "path not found".
    /// </summary>
    private async ValueTask<T> InParentAsync<T>(string path, Func<int, T> failed, Func<ResolvedPath, string, ValueTask<T>> change, CancellationToken cancellationToken)
    {
        var names = WindowsPath.Split(path);
        if (names.Length == 0)
        {
            // The root is never created, deleted or renamed.
            return failed(NtStatus.AccessDenied);
        }

        var parent = await _fileSystem.LookupPathAsync(names[..^1], cancellationToken);
        if (!parent.IsSuccess)
        {
            return failed(parent.Error is FsError.NotFound or FsError.NotDirectory ? NtStatus.ObjectPathNotFound : NtStatusMap.From(parent.Error));
        }

        try
        {
            return parent.Value.Attributes.IsDirectory ? await change(parent.Value, names[^1]) : failed(NtStatus.ObjectPathNotFound);
        }
        finally
        {
            _fileSystem.Forget(parent.Value.Attributes.NodeId, 1);
        }
    }

    private IoResult Described(FsResult<NodeAttributes> attributes) =>
        attributes.IsSuccess ? new IoResult(NtStatus.Success, _encoder.Encode(attributes.Value)) : IoResult.Failed(NtStatusMap.From(attributes.Error));

    private static ulong? HandleOf(FileContext file) => file.IsDirectory ? null : file.HandleId;
}
