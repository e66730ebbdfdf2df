using FsMount.Core.Remote;
using FsMount.OneFichier.Errors;

namespace FsMount.OneFichier;

/// <content>File mutations: <c>file/rename.cgi</c>, <c>file/mv.cgi</c>, <c>file/cp.cgi</c>, <c>file/rm.cgi</c>.</content>
public sealed partial class OneFichierDrive
{
    /// <summary>
    /// Within a folder, <c>file/rename.cgi</c>; across folders, <c>file/mv.cgi</c>, with <c>rename</c> only when the
    /// name changes (the service refuses a rename to the name a file has, #312; rclone #7856). Nothing is sent when
    /// nothing changes. "No file has been renamed" after a rename means the file already has the name: done.
    /// </summary>
    public async Task<RemoteFile> MoveFileAsync(RemoteFile file, long fromFolderId, long toFolderId, string newName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentException.ThrowIfNullOrEmpty(newName);
        if (fromFolderId == toFolderId && file.Name == newName)
        {
            return file;
        }

        var rename = file.Name == newName ? null : newName;
        await RunIdempotentAsync(
            async () =>
            {
                if (fromFolderId == toFolderId)
                {
                    await _client.RenameFilesAsync([new FileRename(file.Id, newName)], cancellationToken).ConfigureAwait(false);
                    return;
                }

                try
                {
                    await _client.MoveFilesAsync([file.Id], toFolderId, rename, cancellationToken).ConfigureAwait(false);
                }
                catch (OneFichierException e) when (rename is not null && IsNothingRenamed(e))
                {
                    // The file has that name already (a repeat after a move that landed): move it as it is, which
                    // changes nothing if it is there too.
                    await _client.MoveFilesAsync([file.Id], toFolderId, null, cancellationToken).ConfigureAwait(false);
                }
            },
            e => fromFolderId == toFolderId && IsNothingRenamed(e),
            async () =>
            {
                var details = await _client.GetFileInfoAsync(file.Id, cancellationToken).ConfigureAwait(false);
                return details.FolderId == toFolderId && details.Filename == newName;
            }).ConfigureAwait(false);
        return file with { Name = newName };
    }

    /// <summary>
    /// <c>file/cp.cgi</c>; the copy has a new URL. When its answer is lost, the copy is looked for in the destination:
    /// a file of that name and size, not the source, dated since the call started.
    /// </summary>
    public Task<RemoteFile> CopyFileAsync(RemoteFile file, long toFolderId, string newName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentException.ThrowIfNullOrEmpty(newName);
        var started = _client.Time.GetUtcNow();
        var renamed = file.Name != newName;
        return RunCreatingAsync(
            "file/cp.cgi",
            async () =>
            {
                var copied = await _client.CopyFilesAsync([file.Id], toFolderId, renamed ? newName : null, cancellationToken).ConfigureAwait(false);
                var url = copied.Urls is [{ ToUrl: { Length: > 0 } copy }, ..]
                    ? copy
                    : throw new OneFichierException("file/cp.cgi answered OK without the copy's URL", OneFichierFailureKind.Transient, mayHaveTakenEffect: true);

                // Same bytes, so same checksum; the content type follows the name's extension.
                return file with { Id = url, ShortId = ShortIdOf(url), Name = newName, Uploaded = started, ContentType = renamed ? null : file.ContentType };
            },
            async () => (await _client.FindNewFilesAsync(toFolderId, [(newName, file.Size)], started, file.Id, _client.Options.UploadLookupAttempts, cancellationToken).ConfigureAwait(false))[0] is { } found
                ? ToRemoteFile(found)
                : null);
    }

    /// <summary><c>file/rm.cgi</c>; "Resource not found" means it is gone already (a repeat hears that too).</summary>
    public Task RemoveFileAsync(RemoteFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        return RunIdempotentAsync(
            () => _client.RemoveFilesAsync([file.Id], cancellationToken),
            IsGone,
            async () =>
            {
                try
                {
                    await _client.GetFileInfoAsync(file.Id, cancellationToken).ConfigureAwait(false);
                    return false;
                }
                catch (OneFichierException e) when (IsGone(e))
                {
                    return true;
                }
            });
    }

    private static bool IsNothingRenamed(OneFichierException e) => e.ErrorCode == OneFichierErrorCodes.NothingRenamed;
}
