using System.Net;
using FsMount.Emulator.Endpoints;
using FsMount.Emulator.Faults;
using FsMount.Emulator.Hashing;
using FsMount.Emulator.State;
using Microsoft.Net.Http.Headers;

namespace FsMount.Emulator.Remote;

/// <summary>
/// Remote uploads: the service fetches URLs into a folder by itself. Each request runs in the background,
/// one URL after the other, through the <see cref="LoopbackFetcher"/>; a fetched body is stored as an
/// upload's is (hashed on the way, named from <c>Content-Disposition</c> or the URL's last segment). Jobs
/// are kept in memory only: the service's retention of them is not documented, and a restarted emulator
/// forgets them (the files they stored stay).
/// </summary>
internal sealed class RemoteUploads : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, RemoteUploadJob> _jobs = [];
    private readonly List<Task> _running = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly LoopbackFetcher _fetcher = new();
    private readonly EmulatorStore _store;
    private readonly NameRules _names;
    private readonly EmulatorOptions _options;
    private readonly FaultPlan _faults;
    private readonly TimeProvider _time;
    private readonly ILogger<RemoteUploads> _logger;
    private long _lastId;

    public RemoteUploads(EmulatorStore store, NameRules names, EmulatorOptions options, FaultPlan faults, TimeProvider time, ILogger<RemoteUploads> logger)
    {
        _store = store;
        _names = names;
        _options = options;
        _faults = faults;
        _time = time;
        _logger = logger;
    }

    /// <summary>Starts fetching <paramref name="urls"/> (each one <see cref="LoopbackFetcher.IsAllowed"/>) into a folder; returns the job at once.</summary>
    public RemoteUploadJob Request(long folderId, IReadOnlyList<Uri> urls, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        RemoteUploadJob job;
        lock (_gate)
        {
            job = new RemoteUploadJob(++_lastId, folderId, urls, _time.GetUtcNow(), null, []);
            _jobs.Add(job.Id, job);
            _running.RemoveAll(task => task.IsCompleted);
            _running.Add(Task.Run(() => RunAsync(job, headers, _stopping.Token)));
        }

        Log.RemoteUploadRequested(_logger, job.Id, urls.Count, folderId);
        return job;
    }

    public IReadOnlyList<RemoteUploadJob> List()
    {
        lock (_gate)
        {
            return [.. _jobs.Values.OrderBy(job => job.Id)];
        }
    }

    public RemoteUploadJob? Find(long id)
    {
        lock (_gate)
        {
            return _jobs.GetValueOrDefault(id);
        }
    }

    // Fetches still running are cancelled and awaited, so none writes into a store being closed.
    public void Dispose()
    {
        _stopping.Cancel();
        Task[] running;
        lock (_gate)
        {
            running = [.. _running];
        }

        Task.WaitAll(running.Select(task => task.ContinueWith(_ => { }, TaskScheduler.Default)).ToArray());
        _fetcher.Dispose();
        _stopping.Dispose();
    }

    private async Task RunAsync(RemoteUploadJob job, IReadOnlyList<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        var results = new List<RemoteUploadResult>(job.Urls.Count);
        foreach (Uri url in job.Urls)
        {
            RemoteUploadResult result;
            try
            {
                result = await FetchAsync(job, url, headers, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure) when (failure is HttpRequestException or IOException or UploadTooLargeException)
            {
                result = new RemoteUploadResult(url, null, failure.Message);
            }

            if (!result.Succeeded)
            {
                Log.RemoteUploadFailed(_logger, job.Id, url, result.Message);
            }

            results.Add(result);
        }

        lock (_gate)
        {
            _jobs[job.Id] = job with { Executed = _time.GetUtcNow(), Results = results };
        }
    }

    private async Task<RemoteUploadResult> FetchAsync(RemoteUploadJob job, Uri url, IReadOnlyList<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await _fetcher.GetAsync(url, headers, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return new RemoteUploadResult(url, null, $"HTTP {(int)response.StatusCode}");
        }

        string name = NameOf(response, url);
        if (!_names.IsValidFileName(name))
        {
            return new RemoteUploadResult(url, null, "invalid name");
        }

        await using TempBlob blob = _store.Blobs.CreateTemp();
        await using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken);
        (long size, string checksum) = await HashingCopy.CopyAsync(body, blob.Stream, _options.MaxFileSize, cancellationToken);
        await blob.CompleteAsync(cancellationToken);
        if (size == 0)
        {
            return new RemoteUploadResult(url, null, "empty file");
        }

        if (_store.UsedBytes() + size > _options.StorageQuota)
        {
            return new RemoteUploadResult(url, null, "not enough space");
        }

        long folderId = _store.FindFolder(job.FolderId) is not null ? job.FolderId : EmulatorFolder.RootId;
        DateTimeOffset now = DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds());
        var file = new EmulatorFile(
            _store.NewFileId(), folderId, name, size, now, checksum, FileContentTypes.Of(name), blob.Name, now + _faults.Current.ListingLag, EmulatorFileAttributes.Default);
        _store.AddUploadedFiles([(file, blob)]);
        Log.RemoteUploadFetched(_logger, job.Id, url, name, size);
        return new RemoteUploadResult(url, file.ShortId, "OK");
    }

    // The name a browser would save the answer under: Content-Disposition's, else the URL's last segment.
    private static string NameOf(HttpResponseMessage response, Uri url)
    {
        if (response.Content.Headers.ContentDisposition is { } disposition
            && HeaderUtilities.RemoveQuotes(disposition.FileNameStar ?? disposition.FileName).Value is { Length: > 0 } fromHeader)
        {
            return fromHeader;
        }

        string segment = Uri.UnescapeDataString(url.Segments[^1].TrimEnd('/'));
        return segment.Length > 0 ? segment : "download";
    }
}
