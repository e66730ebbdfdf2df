using System.Net;
using System.Text;
using FsMount.Emulator.Tests.TestSupport;

namespace FsMount.Emulator.Tests.Hosting;

public sealed class RequestGateTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Every_api_call_without_the_key_is_no_such_user_with_401(string? key)
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        using ApiClient client = emulator.NewClient(key);

        string[] endpoints =
        [
            "folder/ls.cgi", "folder/mkdir.cgi", "folder/rm.cgi", "folder/mv.cgi", "file/ls.cgi", "file/info.cgi", "file/mv.cgi",
            "file/rename.cgi", "file/cp.cgi", "file/rm.cgi", "file/chattr.cgi", "download/get_token.cgi", "upload/get_upload_server.cgi", "user/info.cgi",
        ];
        foreach (string endpoint in endpoints)
        {
            (await client.PostAsync(endpoint, new { folder_id = 0 })).AssertKo(HttpStatusCode.Unauthorized, 93);
        }
    }

    [Fact]
    public async Task Api_calls_need_a_json_content_type_and_a_json_object()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();

        using var form = new StringContent("{}", Encoding.UTF8, "text/plain");
        (await ApiClient.ReadAnswerAsync(await emulator.Api.Http.PostAsync(new Uri("v1/folder/ls.cgi", UriKind.Relative), form, TestContext.Current.CancellationToken)))
            .AssertKo(HttpStatusCode.Forbidden, 540);
        using var broken = new StringContent("{not json", Encoding.UTF8, "application/json");
        (await ApiClient.ReadAnswerAsync(await emulator.Api.Http.PostAsync(new Uri("v1/folder/ls.cgi", UriKind.Relative), broken, TestContext.Current.CancellationToken)))
            .AssertKo(HttpStatusCode.Forbidden, 540);
        using var empty = new StringContent(string.Empty, Encoding.UTF8, "application/json");
        (await ApiClient.ReadAnswerAsync(await emulator.Api.Http.PostAsync(new Uri("v1/user/info.cgi", UriKind.Relative), empty, TestContext.Current.CancellationToken))).AssertOk();
    }

    [Fact]
    public async Task Wrongly_typed_fields_are_refused()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();

        (await emulator.Api.PostAsync("folder/ls.cgi", new { folder_id = "abc" })).AssertKo(HttpStatusCode.Forbidden, 540);
        (await emulator.Api.PostAsync("file/mv.cgi", new { urls = "x" })).AssertKo(HttpStatusCode.Forbidden, 540);
        (await emulator.Api.PostAsync("folder/mkdir.cgi", new { folder_id = 0 })).AssertKo(HttpStatusCode.Forbidden, 540);
    }

    [Fact]
    public async Task Pretty_asks_for_indented_json()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();

        using HttpResponseMessage response = await emulator.Api.Http.PostAsync(
            new Uri("v1/folder/ls.cgi", UriKind.Relative), System.Net.Http.Json.JsonContent.Create(new { pretty = 1 }), TestContext.Current.CancellationToken);

        Assert.Contains("\n", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
