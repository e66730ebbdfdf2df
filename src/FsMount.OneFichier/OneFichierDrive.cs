using FsMount.Core.Errors;
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
/// <remarks>
/// Mutations follow the endpoint's retry safety (<c>Resilience/EndpointRetrySafety</c>): a call that creates
/// something goes through <see cref="RunCreatingAsync"/> (look for it before sending it again), any other through
/// <see cref="RunIdempotentAsync"/> (a repeat's "already done" answer is success; a lost last answer is checked).
/// </remarks>
public sealed partial class OneFichierDrive : IRemoteDrive, IDisposable
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

    public int MaxFilesPerUpload => _client.Options.MaxFilesPerUpload;

    /// <summary>The extended-attribute names of a mount of 1fichier, which commands reading a mounted file use too.</summary>
    public static RemoteAttributeNames ServiceAttributeNames { get; } = new(
        "user.fichier.",
        "user.fichier.url",
        "user.fichier.whirlpool",
        "user.fichier.content_type",
        "user.fichier.uploaded");

    public RemoteAttributeNames AttributeNames => ServiceAttributeNames;

    // A file's id is its URL (https://1fichier.com/?abcd1efgh2), which is also its permanent download link.
    public string? LinkOf(RemoteFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.Id;
    }

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
                _account = new RemoteAccountInfo(
                    info.ColdStorage,
                    info.AvailableColdStorage,
                    info.SubscriptionEnd == DateTimeOffset.MinValue ? null : info.SubscriptionEnd);
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

    internal static RemoteFile ToRemoteFile(FileItem item) => new(
        item.Url,
        ShortIdOf(item.Url),
        item.Filename,
        item.Size,
        item.Date,
        string.IsNullOrEmpty(item.Checksum) ? null : item.Checksum,
        string.IsNullOrEmpty(item.ContentType) ? null : item.ContentType);

    // The URL's query is the file's id on the service (https://1fichier.com/?abcd1efgh2).
    private static string ShortIdOf(string url)
    {
        var query = url.IndexOf('?', StringComparison.Ordinal);
        return query >= 0 ? url[(query + 1)..] : url;
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

    /// <summary>
    /// Runs a call the pipeline sends again after transient failures, since a repeat changes nothing more. An answer
    /// that says the work is already done (<paramref name="alreadyDone"/>: what a repeat hears) is success. After a
    /// failure that may hide work done (the last answer was lost, or "already exists", which an earlier attempt of
    /// ours may have caused), <paramref name="isDone"/> looks at the account before the failure is reported.
    /// </summary>
    private static async Task RunIdempotentAsync(Func<Task> send, Func<OneFichierException, bool> alreadyDone, Func<Task<bool>> isDone)
    {
        OneFichierException failure;
        try
        {
            await send().ConfigureAwait(false);
            return;
        }
        catch (OneFichierException e) when (alreadyDone(e))
        {
            return;
        }
        catch (OneFichierException e)
        {
            failure = e;
        }

        if ((failure.MayHaveTakenEffect || OneFichierErrorMapper.ToFsError(failure) == FsError.Exists) && await Call(isDone).ConfigureAwait(false))
        {
            return;
        }

        throw OneFichierErrorMapper.ToRemoteDriveException(failure);
    }

    /// <summary>
    /// Runs a call that creates something, which the pipeline never sends again while it may have landed. After such a
    /// failure <paramref name="find"/> looks for what it made (null: it did not land), and only then is the call sent
    /// again, up to <see cref="OneFichierOptions.MaxCreateAttempts"/> sends. "Already exists" answering a send after
    /// one that may have landed is that one's doing, so <paramref name="find"/> is asked then too.
    /// </summary>
    private async Task<T> RunCreatingAsync<T>(string endpoint, Func<Task<T>> send, Func<Task<T?>> find)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            OneFichierException failure;
            try
            {
                return await send().ConfigureAwait(false);
            }
            catch (OneFichierException e)
            {
                failure = e;
            }

            var ours = attempt > 1 && OneFichierErrorMapper.ToFsError(failure) == FsError.Exists;
            if (!failure.MayHaveTakenEffect && !ours)
            {
                throw OneFichierErrorMapper.ToRemoteDriveException(failure);
            }

            Log.LostAnswer(_client.Logger, endpoint, failure.ServiceMessage);
            if (await Call(find).ConfigureAwait(false) is { } found)
            {
                return found;
            }

            if (ours || attempt >= _client.Options.MaxCreateAttempts)
            {
                throw OneFichierErrorMapper.ToRemoteDriveException(failure);
            }

            Log.Resending(_client.Logger, endpoint, attempt + 1);
        }
    }

    private static bool IsGone(OneFichierException e) => e.ErrorCode == OneFichierErrorCodes.ResourceNotFound;
}
