using FsMount.Emulator.Hosting;

namespace FsMount.Emulator.Tests.Hosting;

public sealed class OptionValuesTests
{
    [Theory]
    [InlineData("50ms", 50)]
    [InlineData("10s", 10_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("00:00:02", 2_000)]
    public void Durations(string text, double milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), OptionValues.Duration("x", text));

    [Theory]
    [InlineData("200Mbit", 25_000_000)]
    [InlineData("8kbit", 1_000)]
    [InlineData("25MB", 25_000_000)]
    [InlineData("10MiB", 10_485_760)]
    [InlineData("1TiB", 1_099_511_627_776)]
    [InlineData("1000", 1_000)]
    public void Bandwidths(string text, long bytesPerSecond) =>
        Assert.Equal(bytesPerSecond, OptionValues.Bandwidth("x", text));

    [Fact]
    public void Sizes_refuse_bits() =>
        Assert.Throws<FormatException>(() => OptionValues.Size("quota", "8Mbit"));
}
