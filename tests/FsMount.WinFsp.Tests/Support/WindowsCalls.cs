using FsMount.WinFsp.Native;

namespace FsMount.WinFsp.Tests.Support;

/// <summary>
/// Drives the adapter's callbacks in the order Windows and WinFsp's dispatcher send them for common
/// actions (CreateFile by disposition, CopyFileEx, MoveFileEx, DeleteFile, FindFirstFile/FindNextFile),
/// so a test reads as the action a user takes in Explorer or robocopy.
/// </summary>
internal sealed class WindowsCalls(CoreFileSystem core)
{
    public const uint ReadAccess = 0x0001 | 0x0080;      // FILE_READ_DATA | FILE_READ_ATTRIBUTES
    public const uint WriteAccess = 0x0002 | 0x0100;     // FILE_WRITE_DATA | FILE_WRITE_ATTRIBUTES
    public const uint DeleteAccess = 0x00010000;        // DELETE
    public const uint NonDirectoryFile = 0x00000040;    // FILE_NON_DIRECTORY_FILE

    private const int ChunkBytes = 1024 * 1024;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>
    /// CreateFile as WinFsp dispatches it (FspFileSystemOpCreate): the access check asks
    /// GetSecurityByName, then Open, Create, or Open followed by Overwrite, by disposition.
    /// </summary>
    public async Task<(int Status, FileContext? File)> CreateFileAsync(string path, Disposition disposition, uint access, uint options = 0)
    {
        var createOptions = options | ((uint)disposition << 24);
        var existing = await core.GetSecurityByNameAsync(path, Token);
        if (disposition == Disposition.Create)
        {
            return existing.Status == NtStatus.Success ? (NtStatus.ObjectNameCollision, null) : Opened(await core.CreateAsync(path, createOptions, Token));
        }

        var opened = await core.OpenAsync(path, createOptions, access, Token);
        if (opened.Status == NtStatus.ObjectNameNotFound && disposition is Disposition.OpenIf or Disposition.OverwriteIf)
        {
            return Opened(await core.CreateAsync(path, createOptions, Token));
        }

        if (opened.Status == NtStatus.Success && disposition == Disposition.OverwriteIf)
        {
            Assert.Equal(NtStatus.Success, (await core.OverwriteAsync(opened.Context!, Token)).Status);
        }

        return Opened(opened);
    }

    /// <summary>CloseHandle: Cleanup when the file was changed or is deleted (PostCleanupWhenModifiedOnly), then Close.</summary>
    public async Task CloseHandleAsync(FileContext file, string? deletePath = null, bool modified = false)
    {
        if (deletePath is not null || modified)
        {
            await core.CleanupAsync(file, deletePath, deletePath is null ? 0 : WinFspFlags.CleanupDelete, Token);
        }

        await core.CloseAsync(file);
    }

    /// <summary>Opens a file, reads it to the end in 64 KiB reads (until STATUS_END_OF_FILE), closes it.</summary>
    public async Task<byte[]> ReadFileAsync(string path)
    {
        var (status, file) = await CreateFileAsync(path, Disposition.Open, ReadAccess, NonDirectoryFile);
        Assert.Equal(NtStatus.Success, status);
        using var content = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var read = await core.ReadAsync(file!, content.Length, buffer, Token);
            if (read.Status == NtStatus.EndOfFile)
            {
                break;
            }

            Assert.Equal(NtStatus.Success, read.Status);
            content.Write(buffer, 0, (int)read.Transferred);
        }

        await CloseHandleAsync(file!);
        return content.ToArray();
    }

    /// <summary>
    /// CopyFileEx onto <paramref name="path"/> (CREATE_ALWAYS): create or overwrite, set the end of
    /// file first, write in 1 MiB chunks, give it the source's time, close.
    /// </summary>
    public async Task CopyFileAsync(string path, byte[] content, DateTimeOffset lastWriteTime)
    {
        var (status, file) = await CreateFileAsync(path, Disposition.OverwriteIf, WriteAccess | DeleteAccess, NonDirectoryFile);
        Assert.Equal(NtStatus.Success, status);
        Assert.Equal(NtStatus.Success, (await core.SetFileSizeAsync(file!, (ulong)content.Length, allocation: false, Token)).Status);
        for (var offset = 0; offset < content.Length; offset += ChunkBytes)
        {
            var chunk = content.AsMemory(offset, Math.Min(ChunkBytes, content.Length - offset));
            var written = await core.WriteAsync(file!, offset, chunk, toEnd: false, constrained: false, Token);
            Assert.Equal((NtStatus.Success, (uint)chunk.Length), (written.Status, written.Transferred));
        }

        var set = await core.SetBasicInfoAsync(file!, lastAccessTime: 0, FileInfoEncoder.FileTime(lastWriteTime), Token);
        Assert.Equal(NtStatus.Success, set.Status);
        await CloseHandleAsync(file!, modified: true);
    }

    /// <summary>MoveFileEx: open the source for delete access, rename it, close.</summary>
    public async Task<int> MoveFileAsync(string path, string newPath, bool replaceExisting)
    {
        var (status, file) = await CreateFileAsync(path, Disposition.Open, DeleteAccess);
        Assert.Equal(NtStatus.Success, status);
        var renamed = await core.RenameAsync(path, newPath, replaceExisting, Token);
        await CloseHandleAsync(file!, modified: renamed == NtStatus.Success);
        return renamed;
    }

    /// <summary>DeleteFile or RemoveDirectory: open for delete, mark for deletion (CanDelete), close.</summary>
    public async Task<int> DeleteAsync(string path)
    {
        var (status, file) = await CreateFileAsync(path, Disposition.Open, DeleteAccess);
        Assert.Equal(NtStatus.Success, status);
        var allowed = await core.CanDeleteAsync(path, Token);
        await CloseHandleAsync(file!, allowed == NtStatus.Success ? path : null);
        return allowed;
    }

    /// <summary>CreateFile with FILE_FLAG_DELETE_ON_CLOSE, then CloseHandle: no CanDelete comes between.</summary>
    public async Task<int> DeleteOnCloseAsync(string path)
    {
        var (status, file) = await CreateFileAsync(path, Disposition.Open, DeleteAccess, WinFspFlags.DeleteOnClose);
        if (status == NtStatus.Success)
        {
            await CloseHandleAsync(file!, path);
        }

        return status;
    }

    /// <summary>CreateDirectory.</summary>
    public async Task<int> CreateDirectoryAsync(string path)
    {
        var (status, directory) = await CreateFileAsync(path, Disposition.Create, ReadAccess, WinFspFlags.DirectoryFile);
        if (status == NtStatus.Success)
        {
            await CloseHandleAsync(directory!);
        }

        return status;
    }

    /// <summary>FindFirstFile/FindNextFile over a directory, one ReadDirectory per page of <paramref name="bufferBytes"/>.</summary>
    public async Task<(List<(string Name, FspFileInfo Info)> Entries, int Pages)> ListAsync(string path, int bufferBytes = 4096)
    {
        var (status, directory) = await CreateFileAsync(path, Disposition.Open, ReadAccess);
        Assert.Equal(NtStatus.Success, status);
        var entries = new List<(string Name, FspFileInfo Info)>();
        var buffer = new byte[bufferBytes];
        string? marker = null;
        var pages = 0;
        while (true)
        {
            var page = await core.ReadDirectoryAsync(directory!, marker, buffer, Token);
            Assert.Equal(NtStatus.Success, page.Status);
            pages++;
            var (read, ended) = DirectoryRecords.Parse(buffer.AsSpan(0, (int)page.Transferred));
            entries.AddRange(read);
            if (ended)
            {
                break;
            }

            marker = read[^1].Name;
        }

        await CloseHandleAsync(directory!);
        return (entries, pages);
    }

    private static (int Status, FileContext? File) Opened(OpenResult result) => (result.Status, result.Context);
}
