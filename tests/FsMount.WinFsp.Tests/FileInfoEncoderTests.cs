using FsMount.Core.Vfs;

namespace FsMount.WinFsp.Tests;

public sealed class FileInfoEncoderTests
{
    private static readonly DateTimeOffset s_written = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_created = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_file_shows_its_size_rounded_allocation_times_and_node_id()
    {
        var info = new FileInfoEncoder(filesOffline: false).Encode(new NodeAttributes(42, false, 5000, s_written, s_written.AddDays(1), s_created, 0x1A4));

        Assert.Equal((uint)FileAttributes.Archive, info.FileAttributes);
        Assert.Equal((5000UL, 8192UL), (info.FileSize, info.AllocationSize));
        Assert.Equal((ulong)s_created.ToFileTime(), info.CreationTime);
        Assert.Equal((ulong)s_written.ToFileTime(), info.LastWriteTime);
        Assert.Equal(info.LastWriteTime, info.ChangeTime);
        Assert.Equal((ulong)s_written.AddDays(1).ToFileTime(), info.LastAccessTime);
        Assert.Equal(42UL, info.IndexNumber);
    }

    [Fact]
    public void Directories_read_only_files_and_network_files_get_their_attributes()
    {
        var local = new FileInfoEncoder(filesOffline: false);
        var network = new FileInfoEncoder(filesOffline: true);

        Assert.Equal((uint)FileAttributes.Directory, local.Encode(Attributes(isDirectory: true, 0x1ED)).FileAttributes);
        Assert.Equal((uint)FileAttributes.Directory, network.Encode(Attributes(isDirectory: true, 0x1ED)).FileAttributes);
        Assert.Equal((uint)(FileAttributes.Archive | FileAttributes.ReadOnly), local.Encode(Attributes(isDirectory: false, 0x124)).FileAttributes);
        Assert.Equal((uint)(FileAttributes.Archive | FileAttributes.Offline), network.Encode(Attributes(isDirectory: false, 0x1A4)).FileAttributes);
    }

    [Fact]
    public void Windows_times_round_trip_and_zero_means_unchanged()
    {
        Assert.Null(FileInfoEncoder.TimeOf(0));
        Assert.Equal(s_written, FileInfoEncoder.TimeOf(FileInfoEncoder.FileTime(s_written)));
    }

    private static NodeAttributes Attributes(bool isDirectory, uint permissions) =>
        new(2, isDirectory, 0, s_written, s_written, s_written, permissions);
}
