using System.Runtime.InteropServices;
using System.Text;
using FsMount.Fuse.Native;
using FsMount.Fuse.Protocol;
using FsMount.Fuse.Transport;

namespace FsMount.Fuse;

/// <summary>
/// A path as a program outside the mount sees it: whether it lies on an fsmount mount, and its extended
/// attributes as getxattr(2) reads them. Reading through the mounted path, not the service, means
/// commands such as <c>fsmount link</c> cost no call: the mount answers from its metadata cache.
/// </summary>
public static unsafe class MountedPath
{
    // PATH_MAX on Linux, the size realpath(3) writes into.
    private const int PathMax = 4096;

    /// <summary>
    /// Whether <paramref name="path"/> (relative paths and symbolic links allowed) is on an fsmount
    /// mount. False for a path that does not exist.
    /// </summary>
    public static bool IsOnFsMount(string path)
    {
        var resolved = RealPathOf(path);
        return resolved is not null && MountTable.FindContaining(resolved)?.FileSystemType == Mounter.FileSystemType;
    }

    /// <summary>The value of attribute <paramref name="name"/> as UTF-8 text; null when the file has none of that name.</summary>
    /// <exception cref="IOException">The attribute could not be read (the path is gone, the mount is dead...); the message says why.</exception>
    public static string? GetAttribute(string path, string name)
    {
        // Asked for its size first, then read; a value that grew in between (ERANGE) is asked again.
        while (true)
        {
            var size = Libc.GetXAttr(path, name, null, 0);
            if (size < 0)
            {
                return Marshal.GetLastPInvokeError() == (int)LinuxErrno.ENODATA ? null : throw Failure(path);
            }

            var value = new byte[size];
            fixed (byte* buffer = value)
            {
                var read = Libc.GetXAttr(path, name, buffer, (nuint)value.Length);
                if (read >= 0)
                {
                    return Encoding.UTF8.GetString(value, 0, (int)read);
                }
            }

            if (Marshal.GetLastPInvokeError() != (int)LinuxErrno.ERANGE)
            {
                return Marshal.GetLastPInvokeError() == (int)LinuxErrno.ENODATA ? null : throw Failure(path);
            }
        }
    }

    private static string? RealPathOf(string path)
    {
        var resolved = stackalloc byte[PathMax];
        return Libc.RealPath(path, resolved) == 0 ? null : Marshal.PtrToStringUTF8((nint)resolved);
    }

    private static IOException Failure(string path) =>
        new($"{path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
}
