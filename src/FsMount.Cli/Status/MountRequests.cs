using FsMount.Cli.RemoteUpload;
using FsMount.Core.Errors;
using FsMount.Core.Vfs;
using FsMount.OneFichier;

namespace FsMount.Cli.Status;

/// <summary>
/// Answers the requests a running mount serves on its status socket, from its own caches and counters
/// (the account's info, the links of its files), and remote uploads into its folders, which go through its pacing and show in it once they arrived.
/// </summary>
internal sealed class MountRequests
{
    private readonly MountStatusSource _status;
    private readonly MountedFileSystem _fileSystem;
    private readonly RemoteUploadFollower _remoteUploads;
    private readonly Lock _gate = new();

    // The folder each remote upload asked through this mount fetches into, until its files arrived.
    private readonly Dictionary<long, long> _arriving = [];

    public MountRequests(MountStatusSource status, MountedFileSystem fileSystem, RemoteUploadFollower remoteUploads)
    {
        _status = status;
        _fileSystem = fileSystem;
        _remoteUploads = remoteUploads;
    }

    public async Task<MountAnswer> AnswerAsync(MountRequest? request, CancellationToken cancellationToken)
    {
        try
        {
            return request?.Kind switch
            {
                MountRequest.StatusKind => new MountAnswer(_status.Take(), null),
                MountRequest.AboutKind or MountRequest.LinkKind when request.CacheDirectory is { } wanted && !IsThisMountsCache(wanted) =>
                    new MountAnswer(null, $"this mount is of another account (its cache folder is {_fileSystem.CacheDirectory})", OtherAccount: true),
                MountRequest.AboutKind => new MountAnswer(null, null, AccountAbout.From(await _fileSystem.GetAccountInfoAsync(cancellationToken), _fileSystem.CacheDirectory)),
                MountRequest.LinkKind when request.Paths is { Count: > 0 } paths => await LinksAsync(paths, cancellationToken),
                MountRequest.RemoteUploadKind when request is { Urls.Count: > 0, Folder: { } folder } => await RequestRemoteUploadAsync(request.Urls, folder, cancellationToken),
                MountRequest.RemoteUploadProgressKind when request.Id is { } id => await RemoteUploadProgressAsync(id, cancellationToken),
                null => new MountAnswer(null, "send one JSON line such as {\"kind\":\"status\"}"),
                var kind => new MountAnswer(
                    null,
                    $"request kind '{kind}' is unknown or lacks its fields; this mount answers: {MountRequest.StatusKind}, {MountRequest.AboutKind}, {MountRequest.LinkKind}, {MountRequest.RemoteUploadKind}, {MountRequest.RemoteUploadProgressKind}"),
            };
        }
        catch (Exception failure) when (failure is FsException or OneFichierException)
        {
            return new MountAnswer(null, failure.Message);
        }
    }

    // From the mount's metadata cache: a listing is asked only for a folder it has nothing fresh of, under its pacing.
    private async Task<MountAnswer> LinksAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var links = new List<PathLink>(paths.Count);
        foreach (var path in paths)
        {
            try
            {
                links.Add(await PathLink.FindAsync(_fileSystem, path, cancellationToken));
            }
            catch (FsException failure)
            {
                // One line for this path: an error for the whole answer would send the command to the cache folder, which this mount holds.
                links.Add(PathLink.Unlinked(path, $"fsmount: cannot find {path}: the service did not list a folder on its way ({failure.Message}); try again in a moment"));
            }
        }

        return new MountAnswer(null, null, Links: links);
    }

    private async Task<MountAnswer> RequestRemoteUploadAsync(IReadOnlyList<string> urls, string folder, CancellationToken cancellationToken)
    {
        var relative = Path.GetRelativePath(_status.MountPoint, folder);
        if (relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            return new MountAnswer(null, $"{folder} is not inside this mount ({_status.MountPoint})");
        }

        var names = relative == "." ? [] : relative.Split('/');
        var folderId = await _fileSystem.FindFolderIdAsync(names, cancellationToken);
        if (!folderId.IsSuccess)
        {
            return new MountAnswer(null, $"{folder}: {(folderId.Error == FsError.NotDirectory ? "not a folder" : "no such folder on the mount")}");
        }

        var id = await _remoteUploads.RequestAsync(urls, folderId.Value, cancellationToken);
        lock (_gate)
        {
            _arriving[id] = folderId.Value;
        }

        return new MountAnswer(null, null, RemoteUpload: new RemoteUploadState(id, null));
    }

    private async Task<MountAnswer> RemoteUploadProgressAsync(long id, CancellationToken cancellationToken)
    {
        var results = await _remoteUploads.ResultsAsync(id, cancellationToken);
        if (results is not null)
        {
            lock (_gate)
            {
                if (_arriving.Remove(id, out var folderId))
                {
                    _fileSystem.FilesArrived(folderId);
                }
            }
        }

        return new MountAnswer(null, null, RemoteUpload: new RemoteUploadState(
            id,
            results?.Select(RemoteUploadUrlState.From).ToList()));
    }

    private bool IsThisMountsCache(string cacheDirectory) =>
        string.Equals(
            Path.TrimEndingDirectorySeparator(Path.GetFullPath(cacheDirectory)),
            Path.TrimEndingDirectorySeparator(Path.GetFullPath(_fileSystem.CacheDirectory)),
            StringComparison.Ordinal);
}
