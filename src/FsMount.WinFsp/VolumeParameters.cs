using FsMount.WinFsp.Native;

namespace FsMount.WinFsp;

/// <summary>The volume WinFsp is asked to create.</summary>
internal static class VolumeParameters
{
    public const string FileSystemName = "FsMount";
    public const string DiskDevice = "WinFsp.Disk";
    public const string NetworkDevice = "WinFsp.Net";

    // Explorer asks for the free space constantly; the core caches the quota for minutes anyway.
    private static readonly TimeSpan s_volumeInfoTimeout = TimeSpan.FromSeconds(10);

    // Every file shows the same descriptor.
    private static readonly TimeSpan s_securityTimeout = TimeSpan.FromMinutes(1);

    public static unsafe VolumeParams Create(WinFspMountOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        var created = FileInfoEncoder.FileTime(now);
        var volume = new VolumeParams
        {
            Version = VolumeParams.CurrentVersion,
            SectorSize = (ushort)FileInfoEncoder.AllocationUnit,
            SectorsPerAllocationUnit = 1,
            MaxComponentLength = 255,
            VolumeCreationTime = created,
            VolumeSerialNumber = (uint)created,
            FileInfoTimeout = (uint)options.FileInfoTimeout.TotalMilliseconds,

            // Case-insensitive and case-preserving, as the core is told (ConfigureCore); no streams,
            // reparse points or extended attributes: the service has files and folders only, and
            // WinFsp itself refuses "file:stream" names (Zone.Identifier) when streams are off.
            // Cleanup comes only when a file was changed or deleted, and each open has its own context.
            Flags = VolumeFlags.CasePreservedNames | VolumeFlags.UnicodeOnDisk | VolumeFlags.PersistentAcls
                | VolumeFlags.PostCleanupWhenModifiedOnly | VolumeFlags.UmFileContextIsUserContext2
                | (options.ReadOnly ? VolumeFlags.ReadOnlyVolume : VolumeFlags.None),
            TimeoutsValid = TimeoutValidFlags.VolumeInfo | TimeoutValidFlags.Security,
            VolumeInfoTimeout = (uint)s_volumeInfoTimeout.TotalMilliseconds,
            SecurityTimeout = (uint)s_securityTimeout.TotalMilliseconds,
        };
        Copy(options.Prefix() ?? string.Empty, volume.Prefix, VolumeParams.PrefixLength);
        Copy(FileSystemName, volume.FileSystemName, VolumeParams.FileSystemNameLength);
        return volume;
    }

    public static string DevicePath(WinFspMountOptions options) => options.NetworkName is null ? DiskDevice : NetworkDevice;

    // Fixed WCHAR arrays hold a NUL-terminated string.
    private static unsafe void Copy(string value, char* destination, int capacity)
    {
        var chars = new Span<char>(destination, capacity);
        chars.Clear();
        value.AsSpan(0, Math.Min(value.Length, capacity - 1)).CopyTo(chars);
    }
}
