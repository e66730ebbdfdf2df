using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using FsMount.Fuse.Protocol;

namespace FsMount.EndToEnd.Tests.Functional;

/// <summary>
/// A directory driven through libc, as programs use a file system: a plain local directory (which
/// proves the suite's expectations) or a mount served by another process. This process never
/// serves what it touches here.
/// </summary>
internal sealed unsafe class PosixTarget : IFileSystemTarget
{
    private const int ChunkBytes = 1024 * 1024;
    private readonly string _root;
    private readonly IAsyncDisposable? _owner;

    public PosixTarget(string root, IAsyncDisposable? owner)
    {
        _root = root;
        _owner = owner;
    }

    public Task<LinuxErrno> WriteAsync(string path, byte[] content) =>
        Task.FromResult(WithFile(path, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Truncate, fd => (WriteAll(fd, content), true)).Error);

    public Task<(LinuxErrno Error, byte[] Content)> ReadAsync(string path) =>
        Task.FromResult(WithFile(path, OpenFlags.ReadOnly, ReadAll));

    public Task<LinuxErrno> AppendAsync(string path, byte[] content) =>
        Task.FromResult(WithFile(path, OpenFlags.WriteOnly | OpenFlags.Append, fd => (WriteAll(fd, content), true)).Error);

    public Task<LinuxErrno> TruncateAsync(string path, long size) => Task.FromResult(Check(PosixCalls.Truncate(Full(path), size)));

    public Task<LinuxErrno> CreateExclusiveAsync(string path) =>
        Task.FromResult(WithFile(path, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive, _ => (LinuxErrno.None, true)).Error);

    public Task<LinuxErrno> MakeDirectoryAsync(string path) => Task.FromResult(Check(PosixCalls.MakeDirectory(Full(path), 0x1ED)));

    public Task<LinuxErrno> RemoveDirectoryAsync(string path) => Task.FromResult(Check(PosixCalls.RemoveDirectory(Full(path))));

    public Task<LinuxErrno> UnlinkAsync(string path) => Task.FromResult(Check(PosixCalls.Unlink(Full(path))));

    public Task<LinuxErrno> RenameAsync(string from, string to, bool noReplace) => Task.FromResult(Check(
        PosixCalls.RenameAt2(PosixCalls.AtWorkingDirectory, Full(from), PosixCalls.AtWorkingDirectory, Full(to), noReplace ? PosixCalls.RenameNoReplace : 0)));

    public Task<(LinuxErrno Error, FileStatus Status)> StatAsync(string path)
    {
        var buffer = stackalloc byte[PosixCalls.StatxLength];
        if (PosixCalls.Statx(PosixCalls.AtWorkingDirectory, Full(path), 0, PosixCalls.StatxBasicStats, buffer) != 0)
        {
            return Task.FromResult((LastError(), default(FileStatus)));
        }

        var bytes = new ReadOnlySpan<byte>(buffer, PosixCalls.StatxLength);
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(bytes[PosixCalls.StatxModeOffset..]);
        var size = BinaryPrimitives.ReadInt64LittleEndian(bytes[PosixCalls.StatxSizeOffset..]);
        return Task.FromResult((LinuxErrno.None, new FileStatus((mode & 0xF000) == 0x4000, size)));
    }

    public Task<(LinuxErrno Error, string[] Names)> ListAsync(string path)
    {
        try
        {
            string[] names = [.. Directory.EnumerateFileSystemEntries(Full(path)).Select(entry => Path.GetFileName(entry)).Order(StringComparer.Ordinal)];
            return Task.FromResult((LinuxErrno.None, names));
        }
        catch (DirectoryNotFoundException)
        {
            return Task.FromResult((LinuxErrno.ENOENT, Array.Empty<string>()));
        }
    }

    public Task<(LinuxErrno Error, long Copied)> CopyAsync(string from, string to) =>
        Task.FromResult(WithFile(from, OpenFlags.ReadOnly, source => WithFile(to, OpenFlags.ReadWrite | OpenFlags.Create | OpenFlags.Exclusive, destination =>
        {
            // As cp does: until copy_file_range says there is nothing left.
            long total = 0;
            while (true)
            {
                var copied = PosixCalls.CopyFileRange(source, null, destination, null, int.MaxValue, 0);
                if (copied < 0)
                {
                    return (LastError(), total);
                }

                if (copied == 0)
                {
                    return (LinuxErrno.None, total);
                }

                total += copied;
            }
        })));

    public Task<(LinuxErrno Error, long Offset)> SeekAsync(string path, long offset, bool hole) =>
        Task.FromResult(WithFile(path, OpenFlags.ReadOnly, fd =>
        {
            var found = PosixCalls.Seek(fd, offset, hole ? PosixCalls.SeekHole : PosixCalls.SeekData);
            return found < 0 ? (LastError(), 0L) : (LinuxErrno.None, found);
        }));

    public Task<(LinuxErrno Error, string[] Names)> ListAttributesAsync(string path)
    {
        var list = stackalloc byte[4096];
        var length = PosixCalls.ListAttributes(Full(path), list, 4096);
        return Task.FromResult(length < 0
            ? (LastError(), Array.Empty<string>())
            : (LinuxErrno.None, Encoding.UTF8.GetString(list, (int)length).Split('\0', StringSplitOptions.RemoveEmptyEntries)));
    }

    public Task<LinuxErrno> GetAttributeAsync(string path, string name)
    {
        var value = stackalloc byte[4096];
        return Task.FromResult(PosixCalls.GetAttribute(Full(path), name, value, 4096) < 0 ? LastError() : LinuxErrno.None);
    }

    public Task<LinuxErrno> AccessAsync(string path, uint mode) => Task.FromResult(Check(PosixCalls.Access(Full(path), mode)));

    public ValueTask DisposeAsync() => _owner?.DisposeAsync() ?? ValueTask.CompletedTask;

    private static LinuxErrno LastError() => (LinuxErrno)Marshal.GetLastPInvokeError();

    private static LinuxErrno Check(int result) => result == 0 ? LinuxErrno.None : LastError();

    private static LinuxErrno WriteAll(int fd, byte[] content)
    {
        fixed (byte* bytes = content)
        {
            for (var at = 0; at < content.Length;)
            {
                var written = PosixCalls.Write(fd, bytes + at, (nuint)Math.Min(ChunkBytes, content.Length - at));
                if (written < 0)
                {
                    return LastError();
                }

                at += (int)written;
            }
        }

        return LinuxErrno.None;
    }

    private static (LinuxErrno Error, byte[] Content) ReadAll(int fd)
    {
        using var content = new MemoryStream();
        var buffer = new byte[ChunkBytes];
        fixed (byte* bytes = buffer)
        {
            while (true)
            {
                var read = PosixCalls.Read(fd, bytes, (nuint)buffer.Length);
                if (read <= 0)
                {
                    return read < 0 ? (LastError(), []) : (LinuxErrno.None, content.ToArray());
                }

                content.Write(buffer, 0, (int)read);
            }
        }
    }

    // Opens, runs, closes; close's error counts when the step itself succeeded (FLUSH reports there).
    private (LinuxErrno Error, T Value) WithFile<T>(string path, uint flags, Func<int, (LinuxErrno Error, T Value)> action)
    {
        var fd = PosixCalls.Open(Full(path), flags | OpenFlags.CloseOnExec, 0x1A4);
        if (fd < 0)
        {
            return (LastError(), default!);
        }

        var result = action(fd);
        var closed = Check(PosixCalls.Close(fd));
        return result.Error != LinuxErrno.None ? result : (closed, result.Value);
    }

    private string Full(string path) => Path.Combine(_root, path);
}
