using System.Text;
using FsMount.Cli.Status;

namespace FsMount.EndToEnd.Tests;

/// <summary>The status socket's name: readable, one per mount point, and short enough for a Unix socket path (107 bytes).</summary>
public sealed class StatusSocketNameTests
{
    [Fact]
    public void The_name_reads_as_the_mount_point_and_tells_apart_paths_that_read_the_same()
    {
        var plain = Path.GetFileName(StatusSocketFolder.SocketFor("/mnt/media"));
        var dashed = Path.GetFileName(StatusSocketFolder.SocketFor("/mnt-media"));

        Assert.StartsWith("mnt-media-", plain, StringComparison.Ordinal);
        Assert.EndsWith(".sock", plain, StringComparison.Ordinal);
        Assert.NotEqual(plain, dashed);
        Assert.Equal(StatusSocketFolder.SocketFor("/mnt/media/"), StatusSocketFolder.SocketFor("/mnt/media"));
    }

    [Fact]
    public void A_deep_mount_point_still_fits_in_a_socket_path()
    {
        var deep = "/" + string.Join('/', Enumerable.Repeat("a-rather-long-folder-name", 12));

        var name = Path.GetFileName(StatusSocketFolder.SocketFor(deep));

        Assert.True(Encoding.UTF8.GetByteCount(name) <= 54, name);
        Assert.NotEqual(name, Path.GetFileName(StatusSocketFolder.SocketFor(deep + "2")));
    }
}
