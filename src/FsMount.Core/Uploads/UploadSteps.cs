using FsMount.Core.Reading;
using FsMount.Core.Remote;
using FsMount.Core.Staging;
using Microsoft.Extensions.Logging;

namespace FsMount.Core.Uploads;

/// <summary>
/// The steps of one staged file's upload, each recorded in the journal before the next: resolve
/// uploads a crash or a lost answer left unresolved (looked up, never sent again), send the bytes
/// under a new ticket (with other small files of the same folder in one request), move the upload
/// where the file was renamed meanwhile, remove what it replaces, then bind the node to it. A crash at
/// any step resumes at that step.
/// </summary>
internal sealed class UploadSteps
{
    private readonly StagingArea _staging;
    private readonly IRemoteDrive _drive;
    private readonly UploadSettler _settler;
    private readonly ChunkCache _chunks;
    private readonly ILogger _logger;

    public UploadSteps(StagingArea staging, IRemoteDrive drive, UploadSettler settler, ChunkCache chunks, ILogger logger)
    {
        _staging = staging;
        _drive = drive;
        _settler = settler;
        _chunks = chunks;
        _logger = logger;
    }

    /// <summary>Whether a file's next step is a plain send that can share a request with others.</summary>
    public static bool NeedsSendOnly(StagedFileState state) =>
        !state.Deleted && state.Uploaded is null && state.Unresolved.Count == 0;

    /// <summary>
    /// Brings a file to where its bytes can be sent or settled: an upload of older bytes becomes
    /// something to remove, and unresolved uploads are looked up. A removed file is cleaned up here
    /// and forgotten (null).
    /// </summary>
    public async Task<StagedFileState?> PrepareAsync(StagedFile file, CancellationToken cancellationToken)
    {
        var state = file.State;
        if (state.Uploaded is { } stale && state.UploadedVersion != state.Version)
        {
            // Bytes changed after that upload landed: it is an old version now.
            state = file.Update(s => s with { Replaces = [.. s.Replaces, stale], Uploaded = null });
        }

        foreach (var pending in state.Unresolved)
        {
            var found = (await _drive.FindUploadAsync(pending.Ticket, pending.FolderId, [new UploadItem(pending.Name, pending.Length)], cancellationToken))[0];
            var placed = found is null ? null : new PlacedFile(found with { Name = pending.Name }, pending.FolderId);
            if (placed is not null)
            {
                _settler.Hide(placed);
            }

            state = file.Update(s => Resolved(s, pending, placed));
        }

        if (!state.Deleted)
        {
            return state;
        }

        await RemoveAsync(file, state.Uploaded is { } uploaded ? [.. state.Replaces, uploaded] : state.Replaces, cancellationToken);
        _staging.Forget(file);
        Log.StagedFileCleanedUp(_logger, file.Id);
        return null;
    }

    /// <summary>
    /// Sends the bytes of files of one folder in one request under a new ticket, recorded as
    /// unresolved until their outcome is known. Returns the files the service did not keep.
    /// </summary>
    public async Task<IReadOnlyList<StagedFile>> SendAsync(IReadOnlyList<(StagedFile File, StagedFileState State)> files, IProgress<long> progress, CancellationToken cancellationToken)
    {
        var folderId = files[0].State.FolderId;
        var ticket = await _drive.BeginUploadAsync(cancellationToken);
        var pendings = new PendingUpload[files.Count];
        var items = new UploadItem[files.Count];
        for (var i = 0; i < files.Count; i++)
        {
            var (file, state) = files[i];

            // The service refuses empty files: one NUL byte stands for an empty one (EmptyFilePlaceholder).
            var length = state.Size == 0 ? EmptyFilePlaceholder.Content.Length : state.Size;
            var pending = pendings[i] = new PendingUpload(ticket, folderId, state.Name, length, state.Version);
            items[i] = new UploadItem(state.Name, length, () => OpenContent(file, state.Size));
            file.Update(s => s with { Unresolved = [.. s.Unresolved, pending] });
        }

        var results = await _drive.UploadAsync(ticket, folderId, items, progress, cancellationToken);
        var refused = new List<StagedFile>();
        for (var i = 0; i < files.Count; i++)
        {
            var pending = pendings[i];
            var placed = results[i] is { } result ? new PlacedFile(result with { Name = pending.Name }, folderId) : null;
            if (placed is null)
            {
                refused.Add(files[i].File);
            }
            else
            {
                _settler.Hide(placed);
            }

            files[i].File.Update(s => Resolved(s, pending, placed));
        }

        return refused;
    }

    /// <summary>
    /// After the current bytes landed: moves the upload where the file is now, removes what it
    /// replaces, and binds the node to it (unless a writer came meanwhile: then the next run sends
    /// the newer bytes). Returns whether the file is done.
    /// </summary>
    public async Task<bool> SettleAsync(StagedFile file, UploadRun run, CancellationToken cancellationToken)
    {
        var state = file.State;
        if (state.Uploaded is not { } current || state.UploadedVersion != state.Version)
        {
            return false;
        }

        if (current.FolderId != state.FolderId || current.File.Name != state.Name)
        {
            // Renamed or moved while it was being uploaded.
            var moved = await _drive.MoveFileAsync(current.File, current.FolderId, state.FolderId, state.Name, cancellationToken);
            var placed = new PlacedFile(moved with { Name = state.Name }, state.FolderId);
            _settler.Hide(placed);
            state = file.Update(s => s.Uploaded?.File.Id == moved.Id ? s with { Uploaded = placed } : s);
        }

        await RemoveAsync(file, state.Replaces, cancellationToken);
        state = file.State;
        if (state.Uploaded is not { } done || !_settler.TryBind(file, done, run))
        {
            return false;
        }

        // The bytes just uploaded are the remote file's: a scan right after costs no download.
        await _chunks.AdoptAsync(done.File with { Size = state.Size }, file.DataPath);
        _staging.Forget(file);
        Log.Uploaded(_logger, state.Name, state.Size, done.File.ShortId);
        return true;
    }

    // An upload found to have landed is the current content only if no writer came since it was sent.
    private static StagedFileState Resolved(StagedFileState state, PendingUpload pending, PlacedFile? landed)
    {
        var unresolved = state.Unresolved.Where(p => p.Ticket.Id != pending.Ticket.Id).ToList();
        if (landed is null)
        {
            return state with { Unresolved = unresolved };
        }

        return pending.Version == state.Version && state.Uploaded is null && !state.Deleted
            ? state with { Unresolved = unresolved, Uploaded = landed, UploadedVersion = pending.Version }
            : state with { Unresolved = unresolved, Replaces = [.. state.Replaces, landed] };
    }

    private async Task RemoveAsync(StagedFile file, IReadOnlyList<PlacedFile> remove, CancellationToken cancellationToken)
    {
        foreach (var old in remove)
        {
            await _drive.RemoveFileAsync(old.File, cancellationToken);
            file.Update(s => s with
            {
                Replaces = s.Replaces.Where(r => r.File.Id != old.File.Id).ToList(),
                Uploaded = s.Uploaded?.File.Id == old.File.Id && s.Deleted ? null : s.Uploaded,
            });
        }
    }

    private static Stream OpenContent(StagedFile file, long size) => size == 0
        ? new MemoryStream(EmptyFilePlaceholder.Content.ToArray(), writable: false)
        : new FileStream(file.DataPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1024 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
}
