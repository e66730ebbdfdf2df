using FsMount.Core.Remote;
using FsMount.OneFichier.Errors;
using FsMount.OneFichier.Wire;

namespace FsMount.OneFichier;

/// <summary>
/// <see cref="IRemoteDrive"/> over <see cref="OneFichierClient"/>: a folder is one <c>folder/ls.cgi</c>
/// (files included), read handles share one download token per file, and the account's usage is cached for
/// <see cref="OneFichierOptions.AccountInfoCacheDuration"/> (the service locks out callers that ask
/// more than about once per 5 minutes). Failures surface as <see cref="RemoteDriveException"/>.
/// </summary>
public sealed class OneFichierDrive : IRemoteDrive, IDisposable
{
    private readonly OneFichierClient _client;
    private readonly SemaphoreSlim _accountLock = new(1, 1);
    private RemoteAccountInfo? _account;
    private DateTimeOffset _accountFetched;

    public OneFichierDrive(OneFichierClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    public long RootFolderId => 0;

    public async Task<RemoteFolderListing> ListFolderAsync(long folderId, CancellationToken cancellationToken)
    {
        var listing = await Call(() => _client.ListFolderAsync(folderId, cancellationToken)).ConfigureAwait(false);
        var folders = (listing.SubFolders ?? []).Select(f => new RemoteFolder(f.Id, f.Name, f.CreateDate)).ToList();
        var files = (listing.Items ?? []).Select(ToRemoteFile).ToList();
        return new RemoteFolderListing(folderId, listing.Name ?? string.Empty, folders, files);
    }

    public Task<IRemoteFileReader> OpenReadAsync(RemoteFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IRemoteFileReader>(new OneFichierFileReader(_client.OpenDownload(file.Id, file.Size)));
    }

    /// <summary>Used = <c>cold_storage</c>, total = <c>available_cold_storage</c>, as rclone's About does.</summary>
    public async Task<RemoteAccountInfo> GetAccountInfoAsync(CancellationToken cancellationToken)
    {
        await _accountLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _client.Time.GetUtcNow();
            if (_account is null || now - _accountFetched >= _client.Options.AccountInfoCacheDuration)
            {
                var info = await Call(() => _client.GetAccountInfoAsync(cancellationToken)).ConfigureAwait(false);
                _account = new RemoteAccountInfo(info.ColdStorage, info.AvailableColdStorage);
                _accountFetched = now;
            }

            return _account;
        }
        finally
        {
            _accountLock.Release();
        }
    }

    public void Dispose() => _accountLock.Dispose();

// TEMP-STUB (rw-base only; replaced before merging to main)
    public Task<RemoteFolder> CreateFolderAsync(long parentFolderId, string name, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task RemoveFolderAsync(long folderId, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task MoveFolderAsync(RemoteFolderMove move, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<RemoteFile> MoveFileAsync(RemoteFile file, long fromFolderId, long toFolderId, string newName, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<RemoteFile> CopyFileAsync(RemoteFile file, long toFolderId, string newName, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task RemoveFileAsync(RemoteFile file, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<UploadTicket> BeginUploadAsync(CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<RemoteFile> UploadAsync(UploadTicket ticket, long folderId, string name, Stream content, long length, IProgress<long>? progress, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<RemoteFile?> FindUploadAsync(UploadTicket ticket, long folderId, string name, long length, CancellationToken cancellationToken) => throw new NotImplementedException();

    internal static RemoteFile ToRemoteFile(FileItem item)
    {
        var query = item.Url.IndexOf('?', StringComparison.Ordinal);
        var shortId = query >= 0 ? item.Url[(query + 1)..] : item.Url;
        return new RemoteFile(
            item.Url,
            shortId,
            item.Filename,
            item.Size,
            item.Date,
            string.IsNullOrEmpty(item.Checksum) ? null : item.Checksum,
            string.IsNullOrEmpty(item.ContentType) ? null : item.ContentType);
    }

    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (OneFichierException e)
        {
            throw OneFichierErrorMapper.ToRemoteDriveException(e);
        }
    }
}
