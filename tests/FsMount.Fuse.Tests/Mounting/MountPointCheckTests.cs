using Microsoft.Extensions.Logging.Abstractions;

namespace FsMount.Fuse.Tests.Mounting;

public sealed class MountPointCheckTests
{
    [Fact]
    public void A_missing_mount_point_is_reported_before_anything_is_mounted()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"fsmount-missing-{Guid.NewGuid():N}");

        var failure = Assert.Throws<FuseMountException>(() => FuseMount.Mount(missing, new Support.TestFileSystem(), new FuseMountOptions(), NullLoggerFactory.Instance));

        Assert.Contains("does not exist", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_as_mount_point_is_reported_as_not_a_directory()
    {
        var file = Path.GetTempFileName();
        try
        {
            var failure = Assert.Throws<FuseMountException>(() => FuseMount.Mount(file, new Support.TestFileSystem(), new FuseMountOptions(), NullLoggerFactory.Instance));

            Assert.Contains("not a directory", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FuseMount.Mount("/tmp", new Support.TestFileSystem(), new FuseMountOptions { ReaderThreads = 0 }, NullLoggerFactory.Instance));
    }
}
