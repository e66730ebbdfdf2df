using FsMount.Core.Errors;
using FsMount.Fuse.Bridge;
using FsMount.Fuse.Protocol;

namespace FsMount.Fuse.Tests.Bridge;

public sealed class ErrnoTests
{
    public static TheoryData<FsError> AllErrors => [.. Enum.GetValues<FsError>()];

    [Theory]
    [MemberData(nameof(AllErrors))]
    public void Only_unavailable_lands_on_EIO(FsError error)
    {
        Assert.Equal(error == FsError.Unavailable, Errno.From(error) == LinuxErrno.EIO);
    }

    [Theory]
    [MemberData(nameof(AllErrors))]
    public void No_error_maps_to_ENOSYS_which_the_kernel_would_remember(FsError error)
    {
        Assert.NotEqual(LinuxErrno.ENOSYS, Errno.From(error));
    }

    [Fact]
    public void None_is_success_and_everything_else_is_an_error()
    {
        Assert.Equal(LinuxErrno.None, Errno.From(FsError.None));
        Assert.All(Enum.GetValues<FsError>().Where(error => error != FsError.None), error => Assert.NotEqual(LinuxErrno.None, Errno.From(error)));
    }
}
