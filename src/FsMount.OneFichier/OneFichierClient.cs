using System.Diagnostics;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.RateLimiting;
using FsMount.OneFichier.Activity;
using FsMount.OneFichier.Errors;
using FsMount.OneFichier.Names;
using FsMount.OneFichier.Resilience;
using FsMount.OneFichier.Transfers;
using FsMount.OneFichier.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;

namespace FsMount.OneFichier;

/// <summary>
/// The only code that talks to 1fichier: one method per endpoint, every call paced, retried and paused
/// by the account's one resilience pipeline. Names are encoded on the way out and decoded on the way
/// back (<see cref="OneFichierNameCodec"/>). Failures are <see cref="OneFichierException"/>s once the
/// pipeline has given up; caller cancellation surfaces as <see cref="OperationCanceledException"/>.
/// </summary>
/// <remarks>
/// The <see cref="HttpClient"/> should have an infinite <see cref="HttpClient.Timeout"/> (the pipeline
/// times out API calls, and a client-wide time-out would cut long transfers) and should not follow
/// redirects (<c>upload.cgi</c> answers 302). <see cref="OneFichierServiceCollectionExtensions.AddOneFichier"/>
/// configures one that way.
/// </remarks>
public sealed partial class OneFichierClient : IDisposable
{
    private static readonly MediaTypeHeaderValue s_json = new("application/json");

    // How often a process waiting for another one's user/info.cgi answer looks for it.
    private static readonly TimeSpan s_sharedAnswerPoll = TimeSpan.FromMilliseconds(200);

    private readonly HttpClient _http;
    private readonly OneFichierCredentials _credentials;
    private readonly OneFichierOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TokenBucketRateLimiter _rateLimiter;
    private readonly ResiliencePipeline _pipeline;
    private readonly DownloadTokenCache _downloadTokens;
    private readonly FloodGate _floodGate;
    private readonly ListingSpacer _listingSpacer;
    private readonly HostPacing? _hostPacing;
    private readonly ApiCallTally _calls;
    private readonly ServiceContact _contact;
    private volatile CallRetry? _lastRetry;

    public OneFichierClient(
        HttpClient httpClient,
        OneFichierCredentials credentials,
        OneFichierOptions options,
        ILogger<OneFichierClient>? logger = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(options);
        var validation = new OneFichierOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(nameof(OneFichierOptions), typeof(OneFichierOptions), validation.Failures);
        }

        _http = httpClient;
        _credentials = credentials;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _rateLimiter = OneFichierPipeline.CreateRateLimiter(options);
        _floodGate = new FloodGate(options, _time);
        _listingSpacer = new ListingSpacer(options, _time);
        _hostPacing = options.SharedPacingFile is { } pacingFile ? new HostPacing(pacingFile, options, _time, _logger) : null;
        _calls = new ApiCallTally(_time);
        _contact = new ServiceContact();
        _pipeline = OneFichierPipeline.Create(
            options,
            _contact,
            _floodGate,
            _listingSpacer,
            _rateLimiter,
            _hostPacing,
            _time,
            _logger,
            retry => _lastRetry = retry);
        _downloadTokens = new DownloadTokenCache(GetDownloadTokenAsync, options.DownloadTokenLifetime, _time);
    }

    internal OneFichierOptions Options => _options;

    /// <summary>
    /// Ends the start: from now on a failure to connect is retried as a blip even if the service has
    /// not answered yet (until then it fails after two quick retries; see <see cref="ServiceContact"/>).
    /// </summary>
    public void EndStartup() => _contact.Answered();

    /// <summary>Calls of the last few minutes per endpoint and the pauses in force now, from counters kept as calls run.</summary>
    public ApiActivity Activity => new(
        ApiCallTally.Minutes,
        _calls.Snapshot(),
        [.. new[] { _floodGate.CurrentPause, _listingSpacer.CurrentWait, _hostPacing?.CurrentWait }.OfType<ServicePause>()],
        _lastRetry);

    internal TimeProvider Time => _time;

    internal ILogger Logger => _logger;

    internal DownloadTokenCache DownloadTokens => _downloadTokens;

    /// <summary><c>folder/ls.cgi</c> with <c>files=1</c>: sub-folders and files of one folder in one call.</summary>
    public async Task<FolderListing> ListFolderAsync(long folderId, CancellationToken cancellationToken)
    {
        var listing = await PostAsync(
            "folder/ls.cgi",
            new FolderListRequest(folderId, 1),
            OneFichierJsonContext.Default.FolderListRequest,
            OneFichierJsonContext.Default.FolderListing,
            folderId,
            cancellationToken).ConfigureAwait(false);
        return listing with
        {
            Name = listing.Name is null ? null : OneFichierNameCodec.Decode(listing.Name),
            SubFolders = listing.SubFolders?.Select(f => f with { Name = OneFichierNameCodec.Decode(f.Name ?? string.Empty) }).ToList() ?? [],
            Items = DecodeFiles(listing.Items),
        };
    }

    /// <summary><c>folder/mkdir.cgi</c>: creates <paramref name="name"/> in <paramref name="parentFolderId"/>.</summary>
    public async Task<CreatedFolder> CreateFolderAsync(long parentFolderId, string name, CancellationToken cancellationToken)
    {
        var created = await PostAsync(
            "folder/mkdir.cgi",
            new FolderCreateRequest(OneFichierNameCodec.Encode(RequireName(name)), parentFolderId),
            OneFichierJsonContext.Default.FolderCreateRequest,
            OneFichierJsonContext.Default.CreatedFolder,
            null,
            cancellationToken).ConfigureAwait(false);
        return created with { Name = OneFichierNameCodec.Decode(created.Name ?? string.Empty) };
    }

    /// <summary><c>folder/rm.cgi</c>: removes an empty folder.</summary>
    public Task RemoveFolderAsync(long folderId, CancellationToken cancellationToken) => PostAsync(
        "folder/rm.cgi",
        new FolderRemoveRequest(folderId),
        OneFichierJsonContext.Default.FolderRemoveRequest,
        OneFichierJsonContext.Default.ApiEnvelope,
        null,
        cancellationToken);

    /// <summary>
    /// <c>folder/mv.cgi</c>: moves a folder into <paramref name="destinationFolderId"/> and/or renames it
    /// (<paramref name="newName"/>; null keeps the name). The destination is always sent, the root's 0 included:
    /// rclone leaves a 0 out, and a missing destination reads differently with and without <c>rename</c>.
    /// </summary>
    public async Task<MovedFolder> MoveFolderAsync(long folderId, long destinationFolderId, string? newName, CancellationToken cancellationToken)
    {
        var moved = await PostAsync(
            "folder/mv.cgi",
            new FolderMoveRequest(folderId, destinationFolderId, EncodeOptional(newName), string.Empty),
            OneFichierJsonContext.Default.FolderMoveRequest,
            OneFichierJsonContext.Default.MovedFolder,
            null,
            cancellationToken).ConfigureAwait(false);
        return moved with { OldName = DecodeOptional(moved.OldName), NewName = DecodeOptional(moved.NewName) };
    }

    /// <summary><c>file/ls.cgi</c>: the files of one folder.</summary>
    public async Task<FileListing> ListFilesAsync(long folderId, CancellationToken cancellationToken)
    {
        var listing = await PostAsync(
            "file/ls.cgi",
            new FileListRequest(folderId),
            OneFichierJsonContext.Default.FileListRequest,
            OneFichierJsonContext.Default.FileListing,
            folderId,
            cancellationToken).ConfigureAwait(false);
        return listing with { Items = DecodeFiles(listing.Items) };
    }

    /// <summary><c>file/info.cgi</c>: metadata of one file.</summary>
    public async Task<FileDetails> GetFileInfoAsync(string fileUrl, CancellationToken cancellationToken)
    {
        var details = await PostAsync(
            "file/info.cgi",
            new FileUrlRequest(fileUrl),
            OneFichierJsonContext.Default.FileUrlRequest,
            OneFichierJsonContext.Default.FileDetails,
            null,
            cancellationToken).ConfigureAwait(false);
        return details with
        {
            Filename = OneFichierNameCodec.Decode(details.Filename ?? string.Empty),
            ContentType = details.ContentType ?? details.ContentTypeAlternate,
        };
    }

    /// <summary>
    /// <c>file/mv.cgi</c>: moves files to another folder; <paramref name="newName"/> renames the moved file
    /// too (one URL only). URLs survive a move.
    /// </summary>
    public async Task<MovedFiles> MoveFilesAsync(IReadOnlyList<string> fileUrls, long destinationFolderId, string? newName, CancellationToken cancellationToken)
    {
        RequireUrls(fileUrls);
        if (newName is not null && fileUrls.Count != 1)
        {
            throw new ArgumentException("A rename during a move takes exactly one URL.", nameof(newName));
        }

        var moved = await PostAsync(
            "file/mv.cgi",
            new FileMoveRequest(fileUrls, destinationFolderId, EncodeOptional(newName)),
            OneFichierJsonContext.Default.FileMoveRequest,
            OneFichierJsonContext.Default.MovedFiles,
            null,
            cancellationToken).ConfigureAwait(false);
        return moved with { Filename = DecodeOptional(moved.Filename) };
    }

    /// <summary><c>file/rename.cgi</c>: renames files in place, in one call.</summary>
    public async Task<RenamedFiles> RenameFilesAsync(IReadOnlyList<FileRename> renames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(renames);
        if (renames.Count == 0)
        {
            throw new ArgumentException("At least one rename is needed.", nameof(renames));
        }

        var renamed = await PostAsync(
            "file/rename.cgi",
            new FileRenameRequest(renames.Select(r => new FileRenameItem(r.Url, OneFichierNameCodec.Encode(RequireName(r.NewName)))).ToList()),
            OneFichierJsonContext.Default.FileRenameRequest,
            OneFichierJsonContext.Default.RenamedFiles,
            null,
            cancellationToken).ConfigureAwait(false);
        return renamed with
        {
            Urls = renamed.Urls?.Select(u => u with { OldFilename = DecodeOptional(u.OldFilename), NewFilename = DecodeOptional(u.NewFilename) }).ToList() ?? [],
        };
    }

    /// <summary><c>file/cp.cgi</c>: copies files into a folder; each copy gets a new URL.</summary>
    public async Task<CopiedFiles> CopyFilesAsync(IReadOnlyList<string> fileUrls, long destinationFolderId, string? newName, CancellationToken cancellationToken)
    {
        RequireUrls(fileUrls);
        var copied = await PostAsync(
            "file/cp.cgi",
            new FileCopyRequest(fileUrls, destinationFolderId, EncodeOptional(newName)),
            OneFichierJsonContext.Default.FileCopyRequest,
            OneFichierJsonContext.Default.CopiedFiles,
            null,
            cancellationToken).ConfigureAwait(false);
        return copied with { Filename = DecodeOptional(copied.Filename) };
    }

    /// <summary><c>file/rm.cgi</c>: removes files, all in one call.</summary>
    public Task<RemovedFiles> RemoveFilesAsync(IReadOnlyList<string> fileUrls, CancellationToken cancellationToken)
    {
        RequireUrls(fileUrls);
        return PostAsync(
            "file/rm.cgi",
            new FileRemoveRequest(fileUrls.Select(u => new FileReference(u)).ToList()),
            OneFichierJsonContext.Default.FileRemoveRequest,
            OneFichierJsonContext.Default.RemovedFiles,
            null,
            cancellationToken);
    }

    /// <summary><c>file/chattr.cgi</c>: changes attributes of files (a new file name needs exactly one URL).</summary>
    public Task<UpdatedFiles> SetFileAttributesAsync(IReadOnlyList<string> fileUrls, FileAttributeChanges changes, CancellationToken cancellationToken)
    {
        RequireUrls(fileUrls);
        ArgumentNullException.ThrowIfNull(changes);
        return PostAsync(
            "file/chattr.cgi",
            new FileAttributesRequest(
                fileUrls,
                EncodeOptional(changes.Filename),
                changes.Description,
                changes.Password,
                Flag(changes.NoSsl),
                Flag(changes.Inline),
                Flag(changes.Cdn)),
            OneFichierJsonContext.Default.FileAttributesRequest,
            OneFichierJsonContext.Default.UpdatedFiles,
            null,
            cancellationToken);
    }

    /// <summary>
    /// <c>user/info.cgi</c>. The service allows this about once per 5 minutes per account; cache the answer.
    /// With a <see cref="OneFichierOptions.SharedPacingFile"/>, the account's processes on the host share
    /// one ask per <see cref="OneFichierOptions.AccountInfoCacheDuration"/>: one asks, the others get its answer.
    /// </summary>
    public async Task<AccountInfo> GetAccountInfoAsync(CancellationToken cancellationToken)
    {
        if (_hostPacing is null)
        {
            return await AskAccountInfoAsync(cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            var claim = await _hostPacing.ClaimAccountInfoAskAsync(_options.AccountInfoCacheDuration, cancellationToken).ConfigureAwait(false);
            if (claim.Answer is { } answer)
            {
                return JsonSerializer.Deserialize(answer, OneFichierJsonContext.Default.AccountInfo)!;
            }

            if (claim.Claimed)
            {
                return await AskSharedAccountInfoAsync(_hostPacing, claim, cancellationToken).ConfigureAwait(false);
            }

            if (claim.Failed)
            {
                throw new OneFichierException(
                    $"user/info.cgi was asked at {claim.AskedAt:HH:mm:ss} UTC by an fsmount process of this account and failed, and the service allows one ask per {_options.AccountInfoCacheDuration.TotalMinutes:0} minutes",
                    OneFichierFailureKind.Rationed,
                    mayHaveTakenEffect: false);
            }

            // Another process's ask is running (through its pacing, perhaps a flood pause): its answer comes. One
            // whose process died before it ended frees the ask at the end of the ration, and this one claims it.
            await Task.Delay(s_sharedAnswerPoll, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _rateLimiter.Dispose();

    // The claimed ask, ended in the file for the other processes: its answer; a failure once it reached the service
    // (which counts it); or given back when it never did, so that nobody waits 5 minutes for an ask never made.
    private async Task<AccountInfo> AskSharedAccountInfoAsync(HostPacing hostPacing, AccountInfoClaim claim, CancellationToken cancellationToken)
    {
        AccountInfo info;
        try
        {
            info = await AskAccountInfoAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is OperationCanceledException || ServiceContact.IsConnectFailure(failure) || failure.InnerException is { } inner && ServiceContact.IsConnectFailure(inner))
        {
            await hostPacing.GiveBackAccountInfoAskAsync(claim).ConfigureAwait(false);
            throw;
        }
        catch (OneFichierException)
        {
            await hostPacing.EndAccountInfoAskAsync(null).ConfigureAwait(false);
            throw;
        }

        await hostPacing.EndAccountInfoAskAsync(JsonSerializer.Serialize(info, OneFichierJsonContext.Default.AccountInfo)).ConfigureAwait(false);
        return info;
    }

    private Task<AccountInfo> AskAccountInfoAsync(CancellationToken cancellationToken) => PostAsync(
        "user/info.cgi",
        new EmptyRequest(),
        OneFichierJsonContext.Default.EmptyRequest,
        OneFichierJsonContext.Default.AccountInfo,
        null,
        cancellationToken);

    internal void Authorize(HttpRequestMessage request) => request.Headers.Authorization = _credentials.ToAuthorizationHeader();

    /// <summary>
    /// Runs one HTTP exchange through the pipeline and logs it once. Whatever is left after the retries
    /// surfaces as a <see cref="OneFichierException"/>, except the caller's own cancellation.
    /// </summary>
    /// <param name="endpoint">The endpoint's name in <see cref="EndpointRetrySafety"/>, which says when an attempt may be sent again.</param>
    /// <param name="paced">Whether each attempt takes a token of the account's rate: API calls do, transfers from the download host do not.</param>
    internal async Task<T> ExecuteAsync<T>(
        string endpoint,
        long? listedFolder,
        TimeSpan? attemptTimeout,
        bool paced,
        Func<CancellationToken, Task<T>> attempt,
        CancellationToken cancellationToken)
    {
        var safety = EndpointRetrySafety.Of(endpoint);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(OneFichierPipeline.EndpointKey, endpoint);
        context.Properties.Set(OneFichierPipeline.RetrySafetyKey, safety);
        if (listedFolder is { } folder)
        {
            context.Properties.Set(OneFichierPipeline.ListedFolderKey, folder);
        }

        if (attemptTimeout is { } timeout)
        {
            context.Properties.Set(OneFichierPipeline.AttemptTimeoutKey, timeout);
        }

        if (!paced)
        {
            context.Properties.Set(OneFichierPipeline.UnpacedKey, true);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var outcome = await _pipeline.ExecuteOutcomeAsync(
                static async (ctx, run) =>
                {
                    try
                    {
                        return Outcome.FromResult(await run(ctx.CancellationToken).ConfigureAwait(false));
                    }
                    catch (Exception e)
                    {
                        return Outcome.FromException<T>(e);
                    }
                },
                context,
                attempt).ConfigureAwait(false);

            var retries = context.Properties.GetValue(OneFichierPipeline.RetriesKey, 0);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            // Any answer of the service, an error included, shows it can be reached at this address.
            if (outcome.Exception is null or OneFichierException)
            {
                _contact.Answered();
            }

            if (outcome.Exception is not { } failure)
            {
                Log.ApiCall(_logger, endpoint, "OK", elapsed, retries);
                _calls.Record(endpoint, failed: false);
                return outcome.Result!;
            }

            var reason = FailureReason.Of(failure);
            Log.ApiCall(_logger, endpoint, reason, elapsed, retries);
            _calls.Record(endpoint, failed: !cancellationToken.IsCancellationRequested);
            throw Surface(failure, endpoint, cancellationToken);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static Exception Surface(Exception failure, string endpoint, CancellationToken cancellationToken)
    {
        switch (OneFichierFailureClassifier.Classify(failure, cancellationToken))
        {
            case null:
            case not null when failure is OneFichierException:
                ExceptionDispatchInfo.Capture(failure).Throw();
                return failure;
            case { } kind:
                // The reason names the cause: a TLS failure's own message only says "see inner exception".
                return new OneFichierException($"{endpoint} failed: {FailureReason.Of(failure)}", kind, null, failure);
        }
    }

    private Task<TResponse> PostAsync<TRequest, TResponse>(
        string endpoint,
        TRequest body,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        long? listedFolder,
        CancellationToken cancellationToken) => SendJsonAsync(
        HttpMethod.Post,
        endpoint,
        JsonSerializer.SerializeToUtf8Bytes(body, requestType),
        responseType,
        listedFolder,
        cancellationToken);

    /// <summary>One JSON exchange with the API: <paramref name="payload"/> as a JSON body, the answer read whole and typed.</summary>
    private Task<TResponse> SendJsonAsync<TResponse>(
        HttpMethod method,
        string endpoint,
        byte[] payload,
        JsonTypeInfo<TResponse> responseType,
        long? listedFolder,
        CancellationToken cancellationToken)
    {
        var url = new Uri(_options.ApiBaseUrl, endpoint);
        return ExecuteAsync(
            endpoint,
            listedFolder,
            null,
            paced: true,
            async token =>
            {
                using var request = new HttpRequestMessage(method, url) { Content = JsonContent(payload) };
                Authorize(request);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
                var bytes = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
                return ApiResponseReader.Read(response.StatusCode, bytes, responseType);
            },
            cancellationToken);
    }

    private static ByteArrayContent JsonContent(byte[] payload)
    {
        var content = new ByteArrayContent(payload);
        content.Headers.ContentType = s_json;
        return content;
    }

    private static List<FileItem> DecodeFiles(IReadOnlyList<FileItem>? items) =>
        items?.Select(f => f with { Filename = OneFichierNameCodec.Decode(f.Filename ?? string.Empty) }).ToList() ?? [];

    private static string RequireName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return name;
    }

    private static void RequireUrls(IReadOnlyList<string> fileUrls)
    {
        ArgumentNullException.ThrowIfNull(fileUrls);
        if (fileUrls.Count == 0 || fileUrls.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("At least one non-empty file URL is needed.", nameof(fileUrls));
        }
    }

    private static string? EncodeOptional(string? name) => name is null ? null : OneFichierNameCodec.Encode(RequireName(name));

    private static string? DecodeOptional(string? name) => name is null ? null : OneFichierNameCodec.Decode(name);

    private static long? Flag(bool? value) => value is null ? null : value.Value ? 1 : 0;
}
