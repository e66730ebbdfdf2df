using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace FsMount.Cli.Platform;

/// <summary>
/// Points every descriptor of this process that writes to its standard output or error at <c>/dev/null</c>.
/// Swapping <see cref="Console"/>'s writers is not enough to let go of a pipe: .NET's console streams and
/// the console logger write through copies of descriptors 1 and 2 (dup), and any copy holds the pipe open,
/// so its reader never sees the end.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static partial class StandardStreams
{
    private const string OwnDescriptors = "/proc/self/fd";

    /// <exception cref="IOException">A descriptor could not be replaced.</exception>
    public static void SendToNull()
    {
        // What descriptors 1 and 2 are, e.g. "pipe:[2222033]": every descriptor that is the same is a copy of one.
        string?[] streams = [LinkOf("1"), LinkOf("2")];
        using var devNull = File.OpenHandle("/dev/null", FileMode.Open, FileAccess.Write);
        var nullDescriptor = (int)devNull.DangerousGetHandle();
        foreach (var entry in new DirectoryInfo(OwnDescriptors).GetFileSystemInfos())
        {
            if (int.TryParse(entry.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var descriptor)
                && descriptor != nullDescriptor
                && (descriptor is 1 or 2 || streams.Contains(entry.LinkTarget))
                && Dup2(nullDescriptor, descriptor) < 0)
            {
                throw new IOException($"cannot point descriptor {descriptor} at /dev/null (errno {Marshal.GetLastPInvokeError()})");
            }
        }
    }

    private static string? LinkOf(string descriptor) => new FileInfo(Path.Combine(OwnDescriptors, descriptor)).LinkTarget;

    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    private static partial int Dup2(int oldDescriptor, int newDescriptor);
}
