using FsMount.WinFsp.Native;

namespace FsMount.WinFsp.Tests;

public sealed unsafe class VolumeParametersTests
{
    private static readonly DateTimeOffset s_now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void A_drive_is_case_insensitive_and_case_preserving_with_no_streams_and_per_open_contexts()
    {
        var volume = VolumeParameters.Create(new WinFspMountOptions(), s_now);

        Assert.Equal(504, volume.Version);
        Assert.Equal(
            VolumeFlags.CasePreservedNames | VolumeFlags.UnicodeOnDisk | VolumeFlags.PersistentAcls
                | VolumeFlags.PostCleanupWhenModifiedOnly | VolumeFlags.UmFileContextIsUserContext2,
            volume.Flags);
        Assert.Equal((ulong)s_now.ToFileTime(), volume.VolumeCreationTime);
        Assert.Equal(1000u, volume.FileInfoTimeout);
        Assert.Equal(4096, volume.SectorSize * volume.SectorsPerAllocationUnit);
        Assert.Equal(255, volume.MaxComponentLength);
        Assert.Equal(TimeoutValidFlags.VolumeInfo | TimeoutValidFlags.Security, volume.TimeoutsValid);
        Assert.Equal("FsMount", Text(volume.FileSystemName, VolumeParams.FileSystemNameLength));
        Assert.Equal(string.Empty, Text(volume.Prefix, VolumeParams.PrefixLength));
        Assert.Equal("WinFsp.Disk", VolumeParameters.DevicePath(new WinFspMountOptions()));
    }

    [Theory]
    [InlineData(@"\\fsmount\account")]
    [InlineData(@"\fsmount\account")]
    public void A_network_drive_gets_winfsps_one_backslash_prefix_and_the_network_device(string name)
    {
        var options = new WinFspMountOptions { NetworkName = name };
        var volume = VolumeParameters.Create(options, s_now);

        Assert.Equal(@"\fsmount\account", Text(volume.Prefix, VolumeParams.PrefixLength));
        Assert.Equal("WinFsp.Net", VolumeParameters.DevicePath(options));
    }

    [Theory]
    [InlineData("fsmount")]
    [InlineData(@"\\fsmount\")]
    [InlineData(@"\\a\b\c")]
    public void A_network_name_that_is_not_server_and_share_is_refused(string name)
    {
        var failure = Assert.Throws<WinFspMountException>(() => VolumeParameters.Create(new WinFspMountOptions { NetworkName = name }, s_now));
        Assert.Contains(@"\\fsmount\account", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_read_only_mount_is_a_read_only_volume()
    {
        Assert.True(VolumeParameters.Create(new WinFspMountOptions { ReadOnly = true }, s_now).Flags.HasFlag(VolumeFlags.ReadOnlyVolume));
    }

    private static unsafe string Text(char* chars, int capacity) => new string(new ReadOnlySpan<char>(chars, capacity)).TrimEnd('\0');
}
