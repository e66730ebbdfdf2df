using FsMount.Core.Tests.Fakes;
using Microsoft.Extensions.Options;

namespace FsMount.Core.Tests;

public sealed class FsMountOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid_once_a_cache_folder_is_given()
    {
        Assert.True(new FsMountOptionsValidator().Validate(null, new FsMountOptions { CacheDirectory = "/var/cache/fsmount" }).Succeeded);
        Assert.Contains("CacheDirectory", new FsMountOptionsValidator().Validate(null, new FsMountOptions()).FailureMessage, StringComparison.Ordinal);
    }

    public static TheoryData<string, Action<FsMountOptions>> InvalidOptions => new()
    {
        { "DirectoryCacheTime", o => o.DirectoryCacheTime = TimeSpan.FromSeconds(10) },
        { "StatisticsCacheTime", o => o.StatisticsCacheTime = TimeSpan.FromMinutes(1) },
        { "ReadWindowBytes", o => o.ReadWindowBytes = 1000 },
        { "MaxReadWindowBytes", o => o.MaxReadWindowBytes = o.ReadWindowBytes - 1 },
        { "MaxForwardSkipBytes", o => o.MaxForwardSkipBytes = -1 },
        { "ReadBufferBytes", o => o.ReadBufferBytes = 4096 },
        { "MaxForwardSkipBytes", o => o.MaxForwardSkipBytes = o.ReadBufferBytes },
        { "WriteBackDelay", o => o.WriteBackDelay = TimeSpan.FromSeconds(-1) },
        { "MaxConcurrentUploads", o => o.MaxConcurrentUploads = 0 },
        { "UploadRetryDelay", o => o.UploadRetryDelay = TimeSpan.Zero },
        { "PendingEntryLifetime", o => o.PendingEntryLifetime = TimeSpan.FromSeconds(1) },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void An_invalid_value_is_named_in_the_failure_and_rejected_by_the_file_system(string property, Action<FsMountOptions> breakIt)
    {
        var options = new FsMountOptions { CacheDirectory = TestMount.NewCacheDirectory() };
        breakIt(options);

        var result = new FsMountOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(property, result.FailureMessage, StringComparison.Ordinal);

        var thrown = Assert.Throws<OptionsValidationException>(() => TestMount.Create(new FakeRemoteDrive(), options: options));
        Assert.Contains(property, thrown.Message, StringComparison.Ordinal);
    }
}
