using System.Globalization;
using Microsoft.Extensions.Logging;

namespace FsMount.Fuse.Transport;

/// <summary>
/// Sets the kernel's read-ahead of a mounted FUSE file system. FUSE offers no mount option for it, and
/// the kernel lowers it to the INIT reply's max_readahead (which cannot exceed what the kernel offered,
/// 128 KiB), so it is raised through sysfs once INIT has been answered.
/// </summary>
internal static class ReadAhead
{
    public static void Apply(string mountPoint, int bytes, ILogger logger)
    {
        try
        {
            var device = MountTable.DeviceOf(mountPoint)
                ?? throw new IOException($"{mountPoint} is not in the mount table");
            var kib = (bytes / 1024).ToString(CultureInfo.InvariantCulture);
            File.WriteAllText($"/sys/class/bdi/{device}/read_ahead_kb", kib);
            Log.ReadAheadSet(logger, mountPoint, bytes / 1024);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Reads still work, in 128 KiB READs.
            Log.ReadAheadNotSet(logger, mountPoint, e.Message);
        }
    }
}
