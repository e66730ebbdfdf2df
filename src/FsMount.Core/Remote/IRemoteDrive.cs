namespace FsMount.Core.Remote;

/// <summary>
/// The one port from the file-system core to a storage service. Names crossing it are the names a
/// user sees (any encoding the service needs is the implementation's job). Failures surface as
/// <see cref="RemoteDriveException"/> after the implementation's own retries.
/// </summary>
/// <remarks>
/// Every mutation is safe against a lost response: an implementation never sends a call that
/// creates something (a folder, a copy, an upload) a second time without first checking whether the
/// first one took effect, and it reads "already done" answers to a retried idempotent call (a
/// delete of a file already gone, a rename already made) as success. So a caller may treat each
/// mutation as done exactly once when it returns, and as not done when it throws, with one
/// exception: a mutation that throws <see cref="Errors.FsError.Unavailable"/> may have been done when
/// its answer was lost and the service could not be reached to check. Repeating a move or a removal
/// is harmless; before repeating a mkdir or a copy, the caller looks (a listing). Uploads carry a
/// ticket for this (<see cref="UploadAsync"/>).
/// </remarks>
public interface IRemoteDrive
{
    /// <summary>The id of the root folder.</summary>
    long RootFolderId { get; }

    /// <summary>The most files one <see cref="UploadAsync"/> may carry.</summary>
    int MaxFilesPerUpload { get; }

    /// <summary>The extended-attribute names under which the mount shows this service's facts about a file.</summary>
    RemoteAttributeNames AttributeNames { get; }

    /// <summary>The file's permanent link to share, or null when the service gives none. Costs no call.</summary>
    string? LinkOf(RemoteFile file);

    /// <summary>Lists a folder's sub-folders and files in one call.</summary>
    Task<RemoteFolderListing> ListFolderAsync(long folderId, CancellationToken cancellationToken);

    /// <summary>Prepares ranged reads of a file for one open handle.</summary>
    Task<IRemoteFileReader> OpenReadAsync(RemoteFile file, CancellationToken cancellationToken);

    /// <summary>The account's storage use. The service limits how often this may be asked.</summary>
    Task<RemoteAccountInfo> GetAccountInfoAsync(CancellationToken cancellationToken);

    /// <summary>Creates a folder. A folder of that name that a lost response had already created is returned as created.</summary>
    /// <exception cref="RemoteDriveException">With <see cref="Errors.FsError.Exists"/> when another folder of that name was there before.</exception>
    Task<RemoteFolder> CreateFolderAsync(long parentFolderId, string name, CancellationToken cancellationToken);

    /// <summary>Removes an empty folder (<see cref="Errors.FsError.NotEmpty"/> otherwise). A folder already gone is removed.</summary>
    Task RemoveFolderAsync(long folderId, CancellationToken cancellationToken);

    /// <summary>Moves and/or renames a folder; its id does not change.</summary>
    Task MoveFolderAsync(RemoteFolderMove move, CancellationToken cancellationToken);

    /// <summary>
    /// Moves and/or renames a file (<paramref name="fromFolderId"/> is the folder it is in now). Its
    /// <see cref="RemoteFile.Id"/> does not change. Nothing is sent when nothing changes.
    /// </summary>
    Task<RemoteFile> MoveFileAsync(RemoteFile file, long fromFolderId, long toFolderId, string newName, CancellationToken cancellationToken);

    /// <summary>Copies a file on the service's side into a folder under a name; the copy has a new id.</summary>
    Task<RemoteFile> CopyFileAsync(RemoteFile file, long toFolderId, string newName, CancellationToken cancellationToken);

    /// <summary>Removes a file. A file already gone counts as removed.</summary>
    Task RemoveFileAsync(RemoteFile file, CancellationToken cancellationToken);

    /// <summary>
    /// The first step of an upload: where and under which id to send it. A caller that records the
    /// ticket before <see cref="UploadAsync"/> can later ask <see cref="FindUploadAsync"/> whether the
    /// upload landed, after a crash or a lost response.
    /// </summary>
    Task<UploadTicket> BeginUploadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Sends the <paramref name="items"/> (streamed one after the other in one request, never loaded
    /// whole) as new files in <paramref name="folderId"/>, and returns one entry per item, in order:
    /// the file it became, or null for an item the service did not keep. Uploads never replace: a
    /// second file of the same name is a second file. A ticket is used for one send only. Several
    /// small files in one request cost the service's rate what one file does.
    /// </summary>
    /// <remarks>
    /// When this throws, the upload may or may not have landed (its response may have been lost). The
    /// caller resolves that with <see cref="FindUploadAsync"/> under the same ticket before it starts
    /// again under a new ticket; it never sends the same file again while that answer is unknown. A
    /// lost response that the implementation can resolve at once (the ticket's report shows the files)
    /// is resolved inside, and the files returned.
    /// </remarks>
    Task<IReadOnlyList<RemoteFile?>> UploadAsync(UploadTicket ticket, long folderId, IReadOnlyList<UploadItem> items, IProgress<long>? progress, CancellationToken cancellationToken);

    /// <summary>
    /// What an upload under <paramref name="ticket"/> created of <paramref name="items"/> (one entry
    /// per item, in order; their contents are not read), null for an item only when it certainly did
    /// not land: the service has no report for the ticket's id while it still keeps reports (1fichier
    /// keeps them 2 hours) or its report does not name it, or, once reports are no longer kept, no file
    /// of that name and size arrived in the folder since the ticket was issued (give or take the
    /// service's clock and its whole-second dates). Any subset of one upload's items may be asked.
    /// </summary>
    /// <exception cref="RemoteDriveException">
    /// With <see cref="Errors.FsError.Unavailable"/> when it cannot tell (the service cannot be
    /// reached, or says the upload arrived but does not list the file yet): the caller asks again
    /// later, and does not start the upload again meanwhile.
    /// </exception>
    Task<IReadOnlyList<RemoteFile?>> FindUploadAsync(UploadTicket ticket, long folderId, IReadOnlyList<UploadItem> items, CancellationToken cancellationToken);
}
