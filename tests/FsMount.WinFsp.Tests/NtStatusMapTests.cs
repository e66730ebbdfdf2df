using FsMount.Core.Errors;

namespace FsMount.WinFsp.Tests;

public sealed class NtStatusMapTests
{
    [Fact]
    public void Only_an_unavailable_service_is_the_generic_io_error()
    {
        foreach (var error in Enum.GetValues<FsError>())
        {
            Assert.True(
                (NtStatusMap.From(error) == NtStatus.UnexpectedIoError) == (error == FsError.Unavailable),
                $"{error} maps to 0x{NtStatusMap.From(error):X8}");
        }
    }

    [Fact]
    public void Only_none_is_success_and_every_error_is_an_error_status()
    {
        foreach (var error in Enum.GetValues<FsError>())
        {
            Assert.Equal(error == FsError.None, NtStatusMap.From(error) == NtStatus.Success);
            Assert.Equal(error != FsError.None, NtStatusMap.From(error) < 0);
        }
    }

    [Theory]
    [InlineData(FsError.NotFound, 0xC0000034)]
    [InlineData(FsError.Exists, 0xC0000035)]
    [InlineData(FsError.NotEmpty, 0xC0000101)]
    [InlineData(FsError.NotDirectory, 0xC0000103)]
    [InlineData(FsError.IsDirectory, 0xC00000BA)]
    [InlineData(FsError.NoSpace, 0xC000007F)]
    [InlineData(FsError.TooLarge, 0xC0000904)]
    [InlineData(FsError.InvalidName, 0xC0000033)]
    [InlineData(FsError.NameTooLong, 0xC0000106)]
    [InlineData(FsError.ReadOnly, 0xC00000A2)]
    [InlineData(FsError.NotPermitted, 0xC0000022)]
    [InlineData(FsError.Cancelled, 0xC0000120)]
    [InlineData(FsError.NoAttribute, 0xC0000051)]
    [InlineData(FsError.PastEndOfFile, 0xC0000011)]
    public void Each_error_is_the_status_windows_programs_expect(FsError error, uint status)
    {
        Assert.Equal(unchecked((int)status), NtStatusMap.From(error));
    }
}
