using System.Net;
using System.Net.Http.Headers;
using FsMount.Emulator.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace FsMount.Emulator.Tests.Endpoints;

public sealed class DownloadEndpointsTests
{
    private static readonly byte[] s_content = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();

    [Fact]
    public async Task A_token_url_serves_the_whole_file_with_a_content_disposition_and_needs_no_key()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        UploadedFile file = await emulator.Api.UploadOneAsync(0, "données.bin", s_content);
        string tokenUrl = await emulator.Api.GetTokenUrlAsync(file.Url);
        using ApiClient anonymous = emulator.NewClient(apiKey: null);

        using HttpResponseMessage response = await anonymous.Http.GetAsync(new Uri(tokenUrl), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(s_content, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal("données.bin", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.StartsWith(emulator.Server.BaseUrl.GetLeftPart(UriPartial.Authority) + "/", tokenUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ranges_are_served_with_206_and_content_range_and_416_when_unsatisfiable()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        UploadedFile file = await emulator.Api.UploadOneAsync(0, "r.bin", s_content);
        string tokenUrl = await emulator.Api.GetTokenUrlAsync(file.Url);

        using var middle = new HttpRequestMessage(HttpMethod.Get, tokenUrl) { Headers = { Range = new RangeHeaderValue(100, 199) } };
        using HttpResponseMessage partial = await emulator.Api.Http.SendAsync(middle, TestContext.Current.CancellationToken);
        using var tail = new HttpRequestMessage(HttpMethod.Get, tokenUrl) { Headers = { Range = new RangeHeaderValue(null, 10) } };
        using HttpResponseMessage suffix = await emulator.Api.Http.SendAsync(tail, TestContext.Current.CancellationToken);
        using var beyond = new HttpRequestMessage(HttpMethod.Get, tokenUrl) { Headers = { Range = new RangeHeaderValue(5000, null) } };
        using HttpResponseMessage unsatisfiable = await emulator.Api.Http.SendAsync(beyond, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal("bytes 100-199/1000", partial.Content.Headers.ContentRange?.ToString());
        Assert.Equal(s_content[100..200], await partial.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(s_content[990..], await suffix.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, unsatisfiable.StatusCode);
    }

    [Fact]
    public async Task A_single_token_serves_one_request_and_a_reusable_one_several()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        UploadedFile file = await emulator.Api.UploadOneAsync(0, "s.bin", s_content);
        string single = await emulator.Api.GetTokenUrlAsync(file.Url, single: 1);
        string reusable = await emulator.Api.GetTokenUrlAsync(file.Url, single: 0);

        Assert.Equal(HttpStatusCode.OK, (await emulator.Api.Http.GetAsync(new Uri(single), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.Api.Http.GetAsync(new Uri(single), TestContext.Current.CancellationToken)).StatusCode);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await emulator.Api.Http.GetAsync(new Uri(reusable), TestContext.Current.CancellationToken)).StatusCode);
        }
    }

    [Fact]
    public async Task A_token_must_be_used_within_five_minutes_and_a_reusable_one_lasts_thirty_minutes_after_first_use()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TestEmulator emulator = await TestEmulator.StartAsync(new EmulatorOptions
        {
            DataDirectory = TestEmulator.NewDataDirectory(),
            Limits = EmulatorLimitsMode.Off,
            TimeProvider = clock,
        });
        UploadedFile file = await emulator.Api.UploadOneAsync(0, "e.bin", s_content);
        string unused = await emulator.Api.GetTokenUrlAsync(file.Url);
        string reusable = await emulator.Api.GetTokenUrlAsync(file.Url);

        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(HttpStatusCode.OK, (await emulator.Api.Http.GetAsync(new Uri(reusable), TestContext.Current.CancellationToken)).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.Api.Http.GetAsync(new Uri(unused), TestContext.Current.CancellationToken)).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(27));
        Assert.Equal(HttpStatusCode.OK, (await emulator.Api.Http.GetAsync(new Uri(reusable), TestContext.Current.CancellationToken)).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.Api.Http.GetAsync(new Uri(reusable), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Unknown_tokens_and_files_are_refused()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        UploadedFile file = await emulator.Api.UploadOneAsync(0, "d.bin", s_content);
        string tokenUrl = await emulator.Api.GetTokenUrlAsync(file.Url);
        (await emulator.Api.PostAsync("file/rm.cgi", new { files = new[] { new { url = file.Url } } })).AssertOk();

        Assert.Equal(HttpStatusCode.NotFound, (await emulator.Api.Http.GetAsync(new Uri(tokenUrl), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.Api.Http.GetAsync(new Uri(new string('A', 32), UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
        (await emulator.Api.PostAsync("download/get_token.cgi", new { url = file.Url, single = 1 })).AssertKo(HttpStatusCode.NotFound, 469);
    }
}
