using FsMount.OneFichier.Errors;
using FsMount.OneFichier.Resilience;
using FsMount.OneFichier.Tests.Support;
using Microsoft.Extensions.Logging;

namespace FsMount.OneFichier.Tests.Resilience;

public sealed class EndpointRetrySafetyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Only_calls_that_create_something_are_creating_and_unknown_endpoints_are_refused()
    {
        Assert.Equal(
            ["file/cp.cgi", "folder/mkdir.cgi", "remote/request.cgi", "upload.cgi"],
            EndpointRetrySafety.Endpoints.Where(e => EndpointRetrySafety.Of(e) == RetrySafety.Creating).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["file/chattr.cgi", "file/mv.cgi", "file/rename.cgi", "file/rm.cgi", "folder/mv.cgi", "folder/rm.cgi"],
            EndpointRetrySafety.Endpoints.Where(e => EndpointRetrySafety.Of(e) == RetrySafety.Idempotent).Order(StringComparer.Ordinal));
        Assert.Throws<ArgumentException>(() => EndpointRetrySafety.Of("file/new.cgi"));
    }

    [Fact]
    public async Task A_creating_call_whose_answer_is_lost_is_not_sent_again_and_says_it_may_have_landed()
    {
        await using var bed = await TestBed.StartAsync();
        await bed.DropResponsesAsync("folder/mkdir.cgi");

        var error = await Assert.ThrowsAsync<OneFichierException>(() => bed.Client.CreateFolderAsync(0, "once", Ct));

        Assert.True(error.MayHaveTakenEffect);
        Assert.Equal(1, await bed.CallsAsync("folder/mkdir.cgi"));
        Assert.Single((await bed.Client.ListFolderAsync(0, Ct)).SubFolders!);
    }

    [Fact]
    public async Task A_creating_call_refused_by_a_flood_is_sent_again()
    {
        await using var bed = await TestBed.StartAsync();
        await bed.LockAsync(0.3);

        await bed.Client.CreateFolderAsync(0, "after-the-flood", Ct);

        Assert.True(await bed.CallsAsync("folder/mkdir.cgi") >= 2, "the flood refusal was not retried");
        Assert.Single((await bed.Client.ListFolderAsync(0, Ct)).SubFolders!);
    }

    [Fact]
    public async Task A_creating_call_that_never_left_is_sent_again()
    {
        var logs = new RecordingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        using var http = new HttpClient();
        using var unreachable = new OneFichierClient(
            http,
            new OneFichierCredentials("SomeKey"),
            new OneFichierOptions { ApiBaseUrl = new Uri($"http://127.0.0.1:{Ports.Closed()}/v1/"), MaxRetries = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(1), CallsPerSecond = 100, CallBurst = 10 },
            loggerFactory.CreateLogger<OneFichierClient>());

        var error = await Assert.ThrowsAsync<OneFichierException>(() => unreachable.CreateFolderAsync(0, "x", Ct));

        Assert.False(error.MayHaveTakenEffect);
        Assert.Equal(2, logs.Lines.Count(l => l.Contains("folder/mkdir.cgi: retry", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_idempotent_call_whose_answer_is_lost_is_sent_again_and_hears_it_is_done()
    {
        await using var bed = await TestBed.StartAsync();
        var file = await bed.UploadBytesAsync(0, "a.bin", TestBed.RandomBytes(10));
        await bed.DropResponsesAsync("file/rm.cgi");

        var error = await Assert.ThrowsAsync<OneFichierException>(() => bed.Client.RemoveFilesAsync([file.Url], Ct));

        Assert.Equal(OneFichierErrorCodes.ResourceNotFound, error.ErrorCode);
        Assert.Equal(2, await bed.CallsAsync("file/rm.cgi"));
    }
}
