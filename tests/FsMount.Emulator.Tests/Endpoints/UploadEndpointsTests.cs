using System.Net;
using System.Net.Http.Json;
using System.Text;
using FsMount.Emulator.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace FsMount.Emulator.Tests.Endpoints;

public sealed class UploadEndpointsTests
{
    // ISO/NESSIE test vector: Whirlpool("abc").
    private const string WhirlpoolOfAbc =
        "4e2448a4c6f486bb16b6562c73b4020bf3043e3a731bce721ae1b303d97e6d4c7181eebdb6c57e277d0e34957114cbd6c797fc9d95d8b582d225292076d4eef5";

    [Fact]
    public async Task Get_upload_server_answers_a_bare_host_and_a_ten_character_id_on_get_and_post()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        using var get = new HttpRequestMessage(HttpMethod.Get, "v1/upload/get_upload_server.cgi") { Content = JsonContent.Create(new { }) };

        ApiAnswer viaGet = await ApiClient.ReadAnswerAsync(await emulator.Api.Http.SendAsync(get, TestContext.Current.CancellationToken));
        ApiAnswer viaPost = await emulator.Api.PostAsync("upload/get_upload_server.cgi", new { pretty = 1 });

        foreach (ApiAnswer answer in new[] { viaGet, viaPost })
        {
            Assert.Equal(HttpStatusCode.OK, answer.HttpStatus);
            Assert.Null(answer.Status);
            Assert.Equal(emulator.Server.BaseUrl.Authority, answer["url"].GetString());
            Assert.Matches("^[A-Za-z0-9]{10}$", answer["id"].GetString());
        }
    }

    [Fact]
    public async Task The_upload_host_follows_the_public_url()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync(new EmulatorOptions
        {
            DataDirectory = TestEmulator.NewDataDirectory(),
            Limits = EmulatorLimitsMode.Off,
            PublicUrl = "https://files.example:8443",
        });

        ApiAnswer answer = await emulator.Api.PostAsync("upload/get_upload_server.cgi");

        Assert.Equal("files.example:8443", answer["url"].GetString());
    }

    [Fact]
    public async Task End_page_reports_size_as_a_string_and_lower_case_whirlpool()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();

        UploadedFile file = await emulator.Api.UploadOneAsync(0, "abc.txt", "abc"u8.ToArray());

        Assert.Equal("abc.txt", file.FileName);
        Assert.Equal("3", file.Size);
        Assert.Equal(WhirlpoolOfAbc, file.Whirlpool);
        Assert.Equal(WhirlpoolOfAbc, (await emulator.Api.PostAsync("file/info.cgi", new { url = file.Url }))["checksum"].GetString());
    }

    [Fact]
    public async Task Several_file_parts_land_in_the_did_folder_and_an_unknown_did_means_the_root()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        long folder = await emulator.Api.MkdirAsync("dest");

        IReadOnlyList<UploadedFile> files = await emulator.Api.UploadAsync(folder, ("1.txt", [1]), ("2.txt", [2]));
        UploadedFile stray = await emulator.Api.UploadOneAsync(424242, "stray.txt", [3]);

        Assert.Equal(2, files.Count);
        Assert.Equal(2, await emulator.Api.CountFilesAsync(folder));
        Assert.Equal(0, (await emulator.Api.PostAsync("file/info.cgi", new { url = stray.Url }))["folder_id"].GetInt64());
    }

    [Fact]
    public async Task Empty_files_and_forbidden_names_are_dropped()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();

        IReadOnlyList<UploadedFile> files = await emulator.Api.UploadAsync(0, ("empty.txt", []), ("bad<name", [1]), ("good.txt", [1]));

        Assert.Equal("good.txt", Assert.Single(files).FileName);
        Assert.Equal(1, await emulator.Api.CountFilesAsync(0));
    }

    [Fact]
    public async Task Uploads_need_a_content_length()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        var form = new MultipartFormDataContent { { new StreamContent(new NonSeekableStream([1, 2, 3])), "file[]", "x.bin" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "upload.cgi?id=abcdefghij") { Content = form };
        request.Headers.TransferEncodingChunked = true;

        using HttpResponseMessage response = await emulator.Api.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.LengthRequired, response.StatusCode);
    }

    [Fact]
    public async Task Uploads_larger_than_the_size_cap_are_refused_and_leave_nothing()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync(new EmulatorOptions
        {
            DataDirectory = TestEmulator.NewDataDirectory(),
            Limits = EmulatorLimitsMode.Off,
            MaxFileSize = 1000,
        });

        (string _, HttpResponseMessage response) = await emulator.Api.SendUploadAsync("0", ("big.bin", new byte[1001]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        response.Dispose();
        await emulator.AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Upload_node_and_end_page_need_the_key()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        string uploadId = await emulator.Api.UploadForIdAsync(0, ("a", [1]));
        using ApiClient anonymous = emulator.NewClient(apiKey: null);

        (await ApiClient.ReadAnswerAsync(await anonymous.Http.GetAsync(new Uri($"end.pl?xid={uploadId}&JSON=1", UriKind.Relative), TestContext.Current.CancellationToken)))
            .AssertKo(HttpStatusCode.Unauthorized, 93);
        using var upload = new MultipartFormDataContent { { new ByteArrayContent([1]), "file[]", "a" } };
        (await ApiClient.ReadAnswerAsync(await anonymous.Http.PostAsync(new Uri("upload.cgi?id=abcdefghij", UriKind.Relative), upload, TestContext.Current.CancellationToken)))
            .AssertKo(HttpStatusCode.Unauthorized, 93);
    }

    [Fact]
    public async Task End_page_answers_html_without_the_json_switch_and_json_with_the_query_switch()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        string uploadId = await emulator.Api.UploadForIdAsync(0, ("page.txt", [1]));

        using HttpResponseMessage html = await emulator.Api.Http.GetAsync(new Uri($"end.pl?xid={uploadId}", UriKind.Relative), TestContext.Current.CancellationToken);
        using HttpResponseMessage json = await emulator.Api.Http.GetAsync(new Uri($"end.pl?xid={uploadId}&JSON=1", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains("page.txt", await html.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        Assert.Equal("page.txt", (await ApiClient.ReadAnswerAsync(json))["links"][0].GetProperty("filename").GetString());
    }

    [Fact]
    public async Task End_page_forgets_reports_after_two_hours_and_unknown_ids_are_not_found()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TestEmulator emulator = await TestEmulator.StartAsync(new EmulatorOptions
        {
            DataDirectory = TestEmulator.NewDataDirectory(),
            Limits = EmulatorLimitsMode.Off,
            TimeProvider = clock,
        });
        string uploadId = await emulator.Api.UploadForIdAsync(0, ("a", [1]));

        clock.Advance(TimeSpan.FromMinutes(119));
        Assert.Single(await emulator.Api.EndPageAsync(uploadId));
        clock.Advance(TimeSpan.FromMinutes(2));

        (await ApiClient.ReadAnswerAsync(await emulator.Api.Http.GetAsync(new Uri($"end.pl?xid={uploadId}&JSON=1", UriKind.Relative), TestContext.Current.CancellationToken)))
            .AssertKo(HttpStatusCode.NotFound, 469);
        (await ApiClient.ReadAnswerAsync(await emulator.Api.Http.GetAsync(new Uri("end.pl?xid=ZZZZZZZZZZ&JSON=1", UriKind.Relative), TestContext.Current.CancellationToken)))
            .AssertKo(HttpStatusCode.NotFound, 469);
    }

    [Fact]
    public async Task File_names_with_non_ascii_characters_survive_the_upload()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        const string Name = "été ＜full-width＞ 日本.txt";

        UploadedFile file = await emulator.Api.UploadOneAsync(0, Name, Encoding.UTF8.GetBytes(Name));

        Assert.Equal(Name, file.FileName);
        Assert.Equal(Name, (await emulator.Api.PostAsync("file/info.cgi", new { url = file.Url }))["filename"].GetString());
    }

    [Fact]
    public async Task A_quoted_boundary_is_refused_unless_the_setting_allows_it()
    {
        await using TestEmulator strict = await TestEmulator.StartAsync();
        await using TestEmulator lenient = await TestEmulator.StartAsync(new EmulatorOptions
        {
            DataDirectory = TestEmulator.NewDataDirectory(),
            Limits = EmulatorLimitsMode.Off,
            RejectQuotedBoundary = false,
        });

        Assert.Equal(HttpStatusCode.BadRequest, await PostQuotedAsync(strict));
        Assert.Equal(HttpStatusCode.Found, await PostQuotedAsync(lenient));

        static async Task<HttpStatusCode> PostQuotedAsync(TestEmulator emulator)
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent([1]), "file[]", "quoted.bin" } };
            Assert.StartsWith("\"", form.Headers.ContentType!.Parameters.Single(parameter => parameter.Name == "boundary").Value, StringComparison.Ordinal);
            using HttpResponseMessage response = await emulator.Api.Http.PostAsync(
                new Uri("upload.cgi?id=abcdefghij", UriKind.Relative), form, TestContext.Current.CancellationToken);
            return response.StatusCode;
        }
    }

    [Fact]
    public async Task A_malformed_multipart_body_is_a_400_and_stores_nothing()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        using var body = new ByteArrayContent("--b\r\nContent-Disposition: form-data; name=\"file[]\"; filename=\"x\"\r\n\r\nno closing boundary"u8.ToArray());
        body.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b");

        using HttpResponseMessage response = await emulator.Api.Http.PostAsync(new Uri("upload.cgi?id=abcdefghij", UriKind.Relative), body, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await emulator.AssertNothingStoredAsync();
    }
}
