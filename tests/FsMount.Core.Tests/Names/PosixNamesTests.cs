using FsMount.Core.Names;

namespace FsMount.Core.Tests.Names;

public sealed class PosixNamesTests
{
    [Theory]
    [InlineData("movie.mkv", "movie.mkv")]
    [InlineData("été ＜1＞.txt", "été ＜1＞.txt")]
    [InlineData("AC/DC", "AC／DC")]
    [InlineData("a\0b", "a␀b")]
    [InlineData(".", "．")]
    [InlineData("..", "．．")]
    [InlineData("...", "...")]
    [InlineData(".hidden", ".hidden")]
    [InlineData("", "␀")]
    public void Names_a_directory_cannot_hold_get_rclones_stand_ins(string remote, string presented)
    {
        Assert.Equal(presented, PosixNames.Present(remote));
    }
}
