using FsMount.Core.Vfs;

namespace FsMount.Cli.Status;

/// <summary>Answers the requests a running mount serves on its status socket, from its own caches and counters.</summary>
internal sealed class MountRequests
{
    private readonly MountStatusSource _status;
    private readonly MountedFileSystem _fileSystem;

    public MountRequests(MountStatusSource status, MountedFileSystem fileSystem)
    {
        _status = status;
        _fileSystem = fileSystem;
    }

    public async Task<MountAnswer> AnswerAsync(MountRequest? request, CancellationToken cancellationToken) => request?.Kind switch
    {
        MountRequest.StatusKind => new MountAnswer(_status.Take(), null),
        MountRequest.AboutKind when request.CacheDirectory is { } wanted && !IsThisMountsCache(wanted) =>
            new MountAnswer(null, $"this mount is of another account (its cache folder is {_fileSystem.CacheDirectory})"),
        MountRequest.AboutKind => new MountAnswer(null, null, AccountAbout.From(await _fileSystem.GetAccountInfoAsync(cancellationToken), _fileSystem.CacheDirectory)),
        null => new MountAnswer(null, "send one JSON line such as {\"kind\":\"status\"}"),
        var kind => new MountAnswer(null, $"unknown request kind '{kind}'; this mount answers: {MountRequest.StatusKind}, {MountRequest.AboutKind}"),
    };

    private bool IsThisMountsCache(string cacheDirectory) =>
        string.Equals(
            Path.TrimEndingDirectorySeparator(Path.GetFullPath(cacheDirectory)),
            Path.TrimEndingDirectorySeparator(Path.GetFullPath(_fileSystem.CacheDirectory)),
            StringComparison.Ordinal);
}
