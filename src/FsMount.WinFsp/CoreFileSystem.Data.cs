using FsMount.Core.Vfs;

namespace FsMount.WinFsp;

/// <content>Read, write, flush, and the changes of times and size.</content>
internal sealed partial class CoreFileSystem
{
    public async ValueTask<IoResult> ReadAsync(FileContext file, long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (file.IsDirectory)
        {
            return IoResult.Failed(NtStatus.InvalidDeviceRequest);
        }

        var read = await _fileSystem.ReadAsync(file.HandleId, offset, buffer, cancellationToken);
        return !read.IsSuccess ? IoResult.Failed(NtStatusMap.From(read.Error))
            : read.Value == 0 && !buffer.IsEmpty ? IoResult.Failed(NtStatus.EndOfFile)
            : new IoResult(NtStatus.Success, default, (uint)read.Value);
    }

    /// <param name="toEnd">Append: <paramref name="offset"/> is meaningless, the write goes to the current end.</param>
    /// <param name="constrained">Paging I/O: the write must not grow the file.</param>
    public async ValueTask<IoResult> WriteAsync(FileContext file, long offset, ReadOnlyMemory<byte> data, bool toEnd, bool constrained, CancellationToken cancellationToken)
    {
        if (toEnd || constrained)
        {
            var current = await _fileSystem.GetAttributesAsync(file.NodeId, cancellationToken);
            if (!current.IsSuccess)
            {
                return IoResult.Failed(NtStatusMap.From(current.Error));
            }

            var size = current.Value.Size;
            offset = toEnd ? size : offset;
            if (constrained && offset >= size)
            {
                return new IoResult(NtStatus.Success, _encoder.Encode(current.Value));
            }

            data = constrained ? data[..(int)Math.Min(data.Length, size - offset)] : data;
        }

        var written = await _fileSystem.WriteAsync(file.HandleId, offset, data, cancellationToken);
        if (!written.IsSuccess)
        {
            return IoResult.Failed(NtStatusMap.From(written.Error));
        }

        return (await GetFileInfoAsync(file, cancellationToken)) with { Transferred = (uint)written.Value };
    }

    /// <summary>FlushFileBuffers: the file's bytes and its journal row reach the disk (fsync); a volume flush (no file) has nothing to add.</summary>
    public async ValueTask<IoResult> FlushAsync(FileContext? file, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return new IoResult(NtStatus.Success, default);
        }

        if (!file.IsDirectory)
        {
            var synced = NtStatusMap.From(await _fileSystem.SyncAsync(file.HandleId, cancellationToken));
            if (synced != NtStatus.Success)
            {
                return IoResult.Failed(synced);
            }
        }

        return await GetFileInfoAsync(file, cancellationToken);
    }

    /// <summary>
    /// Times, as <c>touch</c> and <c>rsync -a</c> set them on Linux (0: unchanged). Windows' attribute bits
    /// and its creation and change times have no place in the core (the service keeps an upload date
    /// only), so they are accepted and not kept, as owners are on Linux.
    /// </summary>
    public async ValueTask<IoResult> SetBasicInfoAsync(FileContext file, ulong lastAccessTime, ulong lastWriteTime, CancellationToken cancellationToken)
    {
        var changes = new AttributeChanges
        {
            LastAccessTime = FileInfoEncoder.TimeOf(lastAccessTime),
            LastWriteTime = FileInfoEncoder.TimeOf(lastWriteTime),
        };
        return changes.LastAccessTime is null && changes.LastWriteTime is null
            ? await GetFileInfoAsync(file, cancellationToken)
            : Described(await _fileSystem.SetAttributesAsync(file.NodeId, HandleOf(file), changes, cancellationToken));
    }

    /// <summary>
    /// End of file, or allocation size: the core keeps no allocation, so only an allocation shorter
    /// than the file changes it (it cuts the file there, as on NTFS).
    /// </summary>
    public async ValueTask<IoResult> SetFileSizeAsync(FileContext file, ulong newSize, bool allocation, CancellationToken cancellationToken)
    {
        if (allocation)
        {
            var current = await _fileSystem.GetAttributesAsync(file.NodeId, cancellationToken);
            if (!current.IsSuccess || (ulong)current.Value.Size <= newSize)
            {
                return Described(current);
            }
        }

        return Described(await _fileSystem.SetAttributesAsync(file.NodeId, HandleOf(file), new AttributeChanges { Size = (long)newSize }, cancellationToken));
    }
}
