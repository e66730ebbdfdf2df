using FsMount.OneFichier.Tests.Support;
using FsMount.OneFichier.Wire;
using FsMount.Testing;

namespace FsMount.OneFichier.Tests;

/// <summary>The client's remote-upload calls against the emulator, which fetches from a file server the test runs on loopback.</summary>
public sealed class ClientRemoteUploadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_requested_url_is_followed_until_executed_and_its_file_is_listed_in_the_folder()
    {
        var content = TestBed.RandomBytes(80_000);
        await using var source = LoopbackFileServer.Start(new Dictionary<string, byte[]> { ["/report.pdf"] = content });
        await using var bed = await TestBed.StartAsync();
        var folder = await bed.Client.CreateFolderAsync(0, "inbox", Ct);

        var id = await bed.Client.RequestRemoteUploadAsync([source.UrlOf("/report.pdf").AbsoluteUri], folder.FolderId, Ct);

        RemoteUploadSummary? summary = null;
        await Eventually.TrueAsync(
            async () => (summary = (await bed.Client.ListRemoteUploadsAsync(Ct)).SingleOrDefault(s => s.Id == id)) is { IsExecuted: true },
            "the remote upload is executed");
        Assert.Equal(1, summary!.NbUrls);
        var result = Assert.Single(await bed.Client.GetRemoteUploadResultsAsync(id, Ct));
        Assert.True(result.Succeeded, $"{result.Status}: {result.Message}");
        var listed = Assert.Single((await bed.Client.ListFolderAsync(folder.FolderId, Ct)).Items!);
        Assert.Equal((result.DownloadLink, "report.pdf", content.Length, "application/pdf"), (listed.Url, listed.Filename, listed.Size, listed.ContentType));
        Assert.Equal(1, source.Requests);
    }

    [Fact]
    public async Task A_url_the_service_refuses_fails_once_with_its_code_and_is_not_sent_again()
    {
        await using var bed = await TestBed.StartAsync();

        var refused = await Assert.ThrowsAsync<OneFichierException>(() => bed.Client.RequestRemoteUploadAsync(["http://192.0.2.1/file.bin"], 0, Ct));

        Assert.Equal(546, refused.ErrorCode);
        Assert.Equal(1, await bed.CallsAsync("remote/request.cgi"));
        Assert.Empty(await bed.Client.ListRemoteUploadsAsync(Ct));
    }

    [Fact]
    public async Task A_request_whose_answer_is_lost_is_not_sent_again_and_says_it_may_have_landed()
    {
        await using var source = LoopbackFileServer.Start(new Dictionary<string, byte[]> { ["/a.bin"] = TestBed.RandomBytes(10) });
        await using var bed = await TestBed.StartAsync();
        await bed.DropResponsesAsync("remote/request.cgi");

        var lost = await Assert.ThrowsAsync<OneFichierException>(() => bed.Client.RequestRemoteUploadAsync([source.UrlOf("/a.bin").AbsoluteUri], 0, Ct));

        Assert.True(lost.MayHaveTakenEffect);
        Assert.Equal(1, await bed.CallsAsync("remote/request.cgi"));
        Assert.Single(await bed.Client.ListRemoteUploadsAsync(Ct));
    }
}
