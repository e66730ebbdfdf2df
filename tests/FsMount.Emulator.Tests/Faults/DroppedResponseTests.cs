using System.Net;
using System.Text.Json;
using FsMount.Emulator.Tests.TestSupport;

namespace FsMount.Emulator.Tests.Faults;

public sealed class DroppedResponseTests
{
    private static readonly string[] s_uploadAndCopy = ["upload.cgi", "file/cp.cgi"];

    // Nothing listens on the discard port: the remote upload is requested (what is committed), its fetch fails.
    private static readonly string[] s_unreachableLoopbackUrl = ["http://127.0.0.1:9/x.bin"];

    public static TheoryData<string> MutatingEndpoints =>
    [
        "folder/mkdir.cgi", "folder/rm.cgi", "folder/mv.cgi", "file/mv.cgi", "file/rename.cgi", "file/cp.cgi", "file/rm.cgi",
        "file/chattr.cgi", "upload.cgi", "remote/request.cgi",
    ];

    [Theory]
    [MemberData(nameof(MutatingEndpoints))]
    public async Task A_dropped_answer_leaves_the_change_committed_and_the_client_without_an_answer(string endpoint)
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        ApiClient api = emulator.Api;
        UploadedFile file = await api.UploadOneAsync(0, "f.txt", [1, 2, 3]);
        long folder = await api.MkdirAsync("d");
        await api.AdminAsync(HttpMethod.Post, "faults", new { dropResponseRate = 1.0, dropResponseEndpoints = new[] { endpoint } });
        await api.AdminAsync(HttpMethod.Post, "stats/reset");

        // Each call, then what a reader sees afterwards when the change was made.
        (Func<Task> Call, Func<Task> AssertCommitted) step = endpoint switch
        {
            "folder/mkdir.cgi" => (Post("folder/mkdir.cgi", new { name = "made", folder_id = 0 }), async () => Assert.Contains("made", await SubFolderNamesAsync(0))),
            "folder/rm.cgi" => (Post("folder/rm.cgi", new { folder_id = folder }), async () => Assert.DoesNotContain("d", await SubFolderNamesAsync(0))),
            "folder/mv.cgi" => (Post("folder/mv.cgi", new { folder_id = folder, rename = "e" }), async () => Assert.Contains("e", await SubFolderNamesAsync(0))),
            "file/mv.cgi" => (Post("file/mv.cgi", new { urls = new[] { file.Url }, destination_folder_id = folder }), async () => Assert.Equal(folder, (await InfoAsync())["folder_id"].GetInt64())),
            "file/rename.cgi" => (Post("file/rename.cgi", new { urls = new[] { new { url = file.Url, filename = "g.txt" } } }), async () => Assert.Equal("g.txt", (await InfoAsync())["filename"].GetString())),
            "file/cp.cgi" => (Post("file/cp.cgi", new { urls = new[] { file.Url }, folder_id = folder }), async () => Assert.Equal(1, await api.CountFilesAsync(folder))),
            "file/rm.cgi" => (Post("file/rm.cgi", new { files = new[] { new { url = file.Url } } }), async () => (await InfoAsync()).AssertKo(HttpStatusCode.NotFound, 469)),
            "file/chattr.cgi" => (Post("file/chattr.cgi", new { urls = new[] { file.Url }, description = "x" }), async () => Assert.Equal("x", (await InfoAsync())["description"].GetString())),
            "upload.cgi" => (async () => (await api.SendUploadAsync(folder.ToString(System.Globalization.CultureInfo.InvariantCulture), ("up.txt", [9]))).Response.Dispose(), async () => Assert.Equal(1, await api.CountFilesAsync(folder))),
            "remote/request.cgi" => (Post("remote/request.cgi", new { urls = s_unreachableLoopbackUrl }), async () => Assert.Single((await api.PostAsync("remote/ls.cgi"))["data"].EnumerateArray())),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint)),
        };

        await Assert.ThrowsAsync<HttpRequestException>(step.Call);

        await step.AssertCommitted();
        JsonElement stats = await api.AdminAsync(HttpMethod.Get, "stats");
        Assert.Equal(1, stats.GetProperty("droppedResponses").GetInt64());
        // The client sent the call once: nothing under it resent the request on a fresh connection.
        Assert.Equal(1, stats.GetProperty("endpoints").EnumerateObject().Single(e => e.Name.EndsWith(endpoint, StringComparison.Ordinal)).Value.GetProperty("calls").GetInt64());
        // Only the chosen endpoint loses its answers.
        (await (endpoint == "folder/mkdir.cgi"
            ? api.PostAsync("file/chattr.cgi", new { urls = new[] { file.Url }, description = "y" })
            : api.PostAsync("folder/mkdir.cgi", new { name = "answered", folder_id = 0 }))).AssertOk();

        Func<Task> Post(string path, object body) => async () => await api.PostAsync(path, body);

        async Task<ApiAnswer> InfoAsync() => await api.PostAsync("file/info.cgi", new { url = file.Url });

        async Task<List<string?>> SubFolderNamesAsync(long id) =>
            (await api.ListFolderAsync(id, files: false))["sub_folders"].EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
    }

    [Fact]
    public async Task A_call_that_fails_is_answered_even_when_its_endpoint_drops_answers()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        await emulator.Api.MkdirAsync("taken");
        await emulator.Api.AdminAsync(HttpMethod.Post, "faults", new { dropResponseRate = 1.0 });

        (await emulator.Api.PostAsync("folder/mkdir.cgi", new { name = "taken", folder_id = 0 })).AssertKo(HttpStatusCode.Forbidden, 543);
        (await emulator.Api.PostAsync("file/rm.cgi", new { files = new[] { new { url = "https://1fichier.com/?missing000" } } })).AssertKo(HttpStatusCode.NotFound, 469);

        Assert.Equal(0, (await emulator.Api.AdminAsync(HttpMethod.Get, "stats")).GetProperty("droppedResponses").GetInt64());
    }

    [Fact]
    public async Task The_same_seed_replays_the_same_faults()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync(new EmulatorOptions
        {
            DataDirectory = TestEmulator.NewDataDirectory(),
            Limits = EmulatorLimitsMode.Off,
            FaultSeed = 42,
        });
        Assert.Equal(42, (await emulator.Api.AdminAsync(HttpMethod.Get, "faults")).GetProperty("seed").GetInt32());
        await emulator.Api.AdminAsync(HttpMethod.Post, "faults", new { serverErrorRate = 0.3, dropResponseRate = 0.5 });

        List<string> first = await OutcomesAsync("a");
        await emulator.Api.AdminAsync(HttpMethod.Post, "faults", new { seed = 42 });
        List<string> replayed = await OutcomesAsync("b");
        await emulator.Api.AdminAsync(HttpMethod.Post, "faults", new { seed = 7 });
        List<string> other = await OutcomesAsync("c");

        Assert.Equal(first, replayed);
        Assert.NotEqual(first, other);
        Assert.Equal(3, first.Distinct().Count());

        // Sequential mkdirs of new names: each answer is a 503 (before the handler), dropped (committed) or answered.
        async Task<List<string>> OutcomesAsync(string prefix)
        {
            var outcomes = new List<string>();
            for (int i = 0; i < 24; i++)
            {
                try
                {
                    using HttpResponseMessage answer = await emulator.Api.Http.PostAsync(
                        new Uri("v1/folder/mkdir.cgi", UriKind.Relative),
                        System.Net.Http.Json.JsonContent.Create(new { name = prefix + i, folder_id = 0 }),
                        TestContext.Current.CancellationToken);
                    outcomes.Add(answer.StatusCode.ToString());
                }
                catch (HttpRequestException)
                {
                    outcomes.Add("dropped");
                }
            }

            return outcomes;
        }
    }

    [Fact]
    public async Task Drop_faults_are_set_through_the_admin_api_and_bad_ones_refused()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();

        JsonElement plan = await emulator.Api.AdminAsync(HttpMethod.Post, "faults", new { dropResponseRate = 0.5, dropResponseEndpoints = s_uploadAndCopy });

        Assert.Equal(0.5, plan.GetProperty("dropResponseRate").GetDouble());
        Assert.Equal(s_uploadAndCopy, plan.GetProperty("dropResponseEndpoints").EnumerateArray().Select(e => e.GetString()));
        foreach (object bad in new object[] { new { dropResponseEndpoints = new[] { "folder/ls.cgi" } }, new { dropResponseEndpoints = "upload.cgi" }, new { dropResponseRate = 1.5 }, new { seed = "x" } })
        {
            using HttpResponseMessage refused = await emulator.Api.Http.PostAsync(
                new Uri("__emulator/faults", UriKind.Relative), System.Net.Http.Json.JsonContent.Create(bad), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }
    }
}
