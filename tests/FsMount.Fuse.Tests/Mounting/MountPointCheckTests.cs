using FsMount.Fuse.Transport;
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
    public void Without_fusermount3_a_normal_user_is_told_to_install_fuse3_in_one_line()
    {
        var empty = Directory.CreateTempSubdirectory("fsmount-no-fuse3-").FullName;
        try
        {
            var failure = Assert.Throws<FuseMountException>(() => Fusermount.Require(Fusermount.Find([empty])));

            Assert.Contains("apt install fuse3", failure.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', failure.Message);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Theory]
    [InlineData("user_allow_other\n", true)]
    [InlineData("# comment\n  user_allow_other  \nmount_max = 10\n", true)]
    [InlineData("#user_allow_other\n", false)]
    [InlineData("user_allow_other_not\n", false)]
    [InlineData("", false)]
    public void User_allow_other_counts_only_alone_on_its_line(string contents, bool allowed)
    {
        Assert.Equal(allowed, FuseConfig.AllowsOther(contents));
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FuseMount.Mount("/tmp", new Support.TestFileSystem(), new FuseMountOptions { ReaderThreads = 0 }, NullLoggerFactory.Instance));
    }
}
