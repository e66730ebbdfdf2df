namespace FsMount.Core.Remote;

/// <summary>
/// The one port from the file-system core to a storage service. Names crossing it are the names a
/// user sees (any encoding the service needs is the implementation's job). Failures surface as
/// <see cref="RemoteDriveException"/> after the implementation's own retries.
/// </summary>
public interface IRemoteDrive
{
    /// <summary>The id of the root folder.</summary>
    long RootFolderId { get; }

    /// <summary>Lists a folder's sub-folders and files in one call.</summary>
    Task<RemoteFolderListing> ListFolderAsync(long folderId, CancellationToken cancellationToken);

    /// <summary>Prepares ranged reads of a file for one open handle.</summary>
    Task<IRemoteFileReader> OpenReadAsync(RemoteFile file, CancellationToken cancellationToken);

    /// <summary>The account's storage use. The service limits how often this may be asked.</summary>
    Task<RemoteAccountInfo> GetAccountInfoAsync(CancellationToken cancellationToken);
}
