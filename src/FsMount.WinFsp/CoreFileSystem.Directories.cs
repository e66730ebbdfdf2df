using FsMount.Core.Errors;
using FsMount.Core.Vfs;

namespace FsMount.WinFsp;

/// <content>Rename and directory reads.</content>
internal sealed partial class CoreFileSystem
{
    /// <summary>Windows' ReplaceIfExists replaces a file, never a folder (the core answers "not permitted": access denied).</summary>
    public async ValueTask<int> RenameAsync(string path, string newPath, bool replaceIfExists, CancellationToken cancellationToken)
    {
        var options = replaceIfExists ? RenameOptions.ReplaceFile : RenameOptions.NoReplace;
        var status = await InParentAsync(path, failed => failed, (parent, name) => InParentAsync(newPath, failed => failed, async (newParent, newName) =>
            NtStatusMap.From(await _fileSystem.RenameAsync(parent.Attributes.NodeId, name, newParent.Attributes.NodeId, newName, options, cancellationToken)),
            cancellationToken), cancellationToken);
        _probes.ForgetAll();
        return status;
    }

    /// <summary>
    /// One page of a directory after <paramref name="marker"/>. An enumeration that starts (no marker)
    /// takes a fresh snapshot, so Explorer's refresh sees changes; the pages after it read that snapshot.
    /// </summary>
    public async ValueTask<IoResult> ReadDirectoryAsync(FileContext directory, string? marker, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (!directory.IsDirectory)
        {
            return IoResult.Failed(NtStatus.NotADirectory);
        }

        var listing = directory.Listing;
        if (marker is null || listing is null)
        {
            var listed = await ListAsync(directory.NodeId, cancellationToken);
            if (!listed.IsSuccess)
            {
                return IoResult.Failed(NtStatusMap.From(listed.Error));
            }

            directory.Listing = listing = listed.Value;
        }

        return new IoResult(NtStatus.Success, default, (uint)DirectoryPage.Write(buffer.Span, listing, marker, _encoder));
    }

    private async ValueTask<FsResult<DirectoryListing>> ListAsync(ulong nodeId, CancellationToken cancellationToken)
    {
        var opened = await _fileSystem.OpenDirectoryAsync(nodeId, cancellationToken);
        if (!opened.IsSuccess)
        {
            return opened.Error;
        }

        var entries = _fileSystem.ReadDirectory(opened.Value);
        _fileSystem.ReleaseDirectory(opened.Value);
        if (!entries.IsSuccess || nodeId == IVirtualFileSystem.RootNodeId)
        {
            return entries.IsSuccess ? new DirectoryListing(entries.Value, Self: null) : entries.Error;
        }

        var self = await _fileSystem.GetAttributesAsync(nodeId, cancellationToken);
        return self.IsSuccess ? new DirectoryListing(entries.Value, self.Value) : self.Error;
    }
}
