using System.Net;
using System.Text.Json;
using FsMount.Emulator.Tests.TestSupport;

namespace FsMount.Emulator.Tests.Endpoints;

public sealed class FileEndpointsTests
{
    [Fact]
    public async Task Ls_lists_files_with_the_documented_fields_and_types()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        long folder = await emulator.Api.MkdirAsync("docs");
        UploadedFile uploaded = await emulator.Api.UploadOneAsync(folder, "report.pdf", new byte[734]);

        ApiAnswer listing = await emulator.Api.PostAsync("file/ls.cgi", new { folder_id = folder });

        listing.AssertOk();
        Assert.Equal(1, listing["count"].GetInt32());
        JsonElement item = Assert.Single(listing["items"].EnumerateArray());
        Assert.Equal(uploaded.Url, item.GetProperty("url").GetString());
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/\?[a-z0-9]{10}$", item.GetProperty("url").GetString());
        Assert.Equal("report.pdf", item.GetProperty("filename").GetString());
        Assert.Equal(JsonValueKind.Number, item.GetProperty("size").ValueKind);
        Assert.Equal(734, item.GetProperty("size").GetInt64());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", item.GetProperty("date").GetString());
        Assert.Matches("^[0-9a-f]{128}$", item.GetProperty("checksum").GetString());
        Assert.Equal("application/pdf", item.GetProperty("content-type").GetString());
        Assert.Equal(0, item.GetProperty("pass").GetInt32());
        Assert.Equal(0, item.GetProperty("acl").GetInt32());
        Assert.Equal(0, item.GetProperty("cdn").GetInt32());
    }

    [Fact]
    public async Task Dates_are_Paris_local_time()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        DateTimeOffset before = DateTimeOffset.UtcNow;
        UploadedFile uploaded = await emulator.Api.UploadOneAsync(0, "t", [1]);

        string date = (await emulator.Api.PostAsync("file/info.cgi", new { url = uploaded.Url }))["date"].GetString()!;

        TimeZoneInfo paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        DateTime local = DateTime.ParseExact(date, "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        DateTimeOffset instant = new(local, paris.GetUtcOffset(local));
        Assert.InRange(instant, before.AddSeconds(-2), DateTimeOffset.UtcNow.AddSeconds(2));
    }

    [Fact]
    public async Task Duplicate_file_names_coexist_in_one_folder()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();

        IReadOnlyList<UploadedFile> files = await emulator.Api.UploadAsync(0, ("same.txt", [1]), ("same.txt", [2, 2]));
        ApiAnswer listing = await emulator.Api.PostAsync("file/ls.cgi", new { folder_id = 0 });

        Assert.Equal(2, files.Select(file => file.Url).Distinct().Count());
        Assert.Equal(2, listing["items"].EnumerateArray().Count(item => item.GetProperty("filename").GetString() == "same.txt"));
    }

    [Fact]
    public async Task Info_gives_folder_and_path_and_unknown_urls_are_not_found()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        long a = await emulator.Api.MkdirAsync("ExampleA");
        long b = await emulator.Api.MkdirAsync("ExampleB", a);
        UploadedFile file = await emulator.Api.UploadOneAsync(b, "x.bin", [1, 2, 3]);

        ApiAnswer info = await emulator.Api.PostAsync("file/info.cgi", new { url = file.Url });

        info.AssertOk();
        Assert.Equal(b, info["folder_id"].GetInt64());
        Assert.Equal("ExampleA/ExampleB", info["path"].GetString());
        Assert.Equal(3, info["size"].GetInt64());
        Assert.Equal(JsonValueKind.Object, info["acl"].ValueKind);
        (await emulator.Api.PostAsync("file/info.cgi", new { url = "https://1fichier.com/?zzzzzzzzzz" })).AssertKo(HttpStatusCode.NotFound, 469);
        (await emulator.Api.PostAsync("file/info.cgi", new { url = "not a url" })).AssertKo(HttpStatusCode.NotFound, 469);
    }

    [Fact]
    public async Task Mv_moves_keeping_the_url_and_refuses_a_rename_to_the_same_name()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        long target = await emulator.Api.MkdirAsync("target");
        UploadedFile file = await emulator.Api.UploadOneAsync(0, "a.txt", [1]);

        ApiAnswer moved = await emulator.Api.PostAsync("file/mv.cgi", new { urls = new[] { file.Url }, destination_folder_id = target, rename = "b.txt" });

        moved.AssertOk();
        Assert.Equal(1, moved["moved"].GetInt32());
        Assert.Equal(file.Url, moved["urls"][0].GetString());
        Assert.Equal("b.txt", moved["filename"].GetString());
        ApiAnswer info = await emulator.Api.PostAsync("file/info.cgi", new { url = file.Url });
        Assert.Equal(target, info["folder_id"].GetInt64());
        Assert.Equal("b.txt", info["filename"].GetString());
        (await emulator.Api.PostAsync("file/mv.cgi", new { urls = new[] { file.Url }, destination_folder_id = 0, rename = "b.txt" }))
            .AssertKo(HttpStatusCode.OK, 312);
        (await emulator.Api.PostAsync("file/mv.cgi", new { urls = new[] { file.Url, file.Url }, rename = "c" })).AssertKo(HttpStatusCode.Forbidden, 540);
        (await emulator.Api.PostAsync("file/mv.cgi", new { urls = new[] { file.Url }, destination_folder_id = 123 })).AssertKo(HttpStatusCode.NotFound, 469);

        // Without destination_folder_id the file goes to the root, as rclone's omitted 0 means.
        (await emulator.Api.PostAsync("file/mv.cgi", new { urls = new[] { file.Url } })).AssertOk();
        Assert.Equal(0, (await emulator.Api.PostAsync("file/info.cgi", new { url = file.Url }))["folder_id"].GetInt64());
    }

    [Fact]
    public async Task Rename_changes_the_name_in_place_and_refuses_the_same_name_with_http_200()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        UploadedFile file = await emulator.Api.UploadOneAsync(0, "old.pdf", [1]);

        ApiAnswer renamed = await emulator.Api.PostAsync("file/rename.cgi", new { urls = new[] { new { url = file.Url, filename = "new name.pdf" } }, pretty = 0 });

        renamed.AssertOk();
        Assert.Equal(1, renamed["renamed"].GetInt32());
        JsonElement entry = renamed["urls"][0];
        Assert.Equal(file.Url, entry.GetProperty("url").GetString());
        Assert.Equal("old.pdf", entry.GetProperty("old_filename").GetString());
        Assert.Equal("new name.pdf", entry.GetProperty("new_filename").GetString());
        Assert.Equal("new name.pdf", (await emulator.Api.PostAsync("file/info.cgi", new { url = file.Url }))["filename"].GetString());
        (await emulator.Api.PostAsync("file/rename.cgi", new { urls = new[] { new { url = file.Url, filename = "new name.pdf" } } })).AssertKo(HttpStatusCode.OK, 312);
        (await emulator.Api.PostAsync("file/rename.cgi", new { urls = new[] { new { url = file.Url, filename = "bad\"name" } } })).AssertKo(HttpStatusCode.Forbidden, 541);
        (await emulator.Api.PostAsync("file/rename.cgi", new { urls = new[] { new { url = "https://1fichier.com/?aaaaaaaaaa", filename = "x" } } }))
            .AssertKo(HttpStatusCode.NotFound, 469);
    }

    [Fact]
    public async Task Cp_makes_a_copy_with_a_new_url_and_the_same_content()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        long target = await emulator.Api.MkdirAsync("copies");
        UploadedFile file = await emulator.Api.UploadOneAsync(0, "a.bin", [9, 8, 7]);

        ApiAnswer copied = await emulator.Api.PostAsync("file/cp.cgi", new { urls = new[] { file.Url }, folder_id = target, rename = "copy.bin" });

        copied.AssertOk();
        Assert.Equal(1, copied["copied"].GetInt32());
        Assert.Equal("copy.bin", copied["filename"].GetString());
        string copyUrl = copied["urls"][0].GetProperty("to_url").GetString()!;
        Assert.Equal(file.Url, copied["urls"][0].GetProperty("from_url").GetString());
        Assert.NotEqual(file.Url, copyUrl);
        Assert.Equal(new byte[] { 9, 8, 7 }, await emulator.Api.DownloadAsync(copyUrl));

        // Removing the original leaves the copy's body intact (bodies are shared).
        (await emulator.Api.PostAsync("file/rm.cgi", new { files = new[] { new { url = file.Url } } })).AssertOk();
        Assert.Equal(new byte[] { 9, 8, 7 }, await emulator.Api.DownloadAsync(copyUrl));
    }

    [Fact]
    public async Task Rm_removes_and_a_second_rm_is_not_found()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        UploadedFile file = await emulator.Api.UploadOneAsync(0, "gone.txt", [1]);

        ApiAnswer removed = await emulator.Api.PostAsync("file/rm.cgi", new { files = new[] { new { url = file.Url } } });

        removed.AssertOk();
        Assert.Equal(1, removed["removed"].GetInt32());
        (await emulator.Api.PostAsync("file/rm.cgi", new { files = new[] { new { url = file.Url } } })).AssertKo(HttpStatusCode.NotFound, 469);
        (await emulator.Api.PostAsync("file/info.cgi", new { url = file.Url })).AssertKo(HttpStatusCode.NotFound, 469);
        await emulator.AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Chattr_sets_attributes_and_a_password_guards_tokens()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        UploadedFile file = await emulator.Api.UploadOneAsync(0, "secret.txt", [1]);

        ApiAnswer updated = await emulator.Api.PostAsync("file/chattr.cgi", new { urls = new[] { file.Url }, description = "d", pass = "secret1", inline = 1 });

        updated.AssertOk();
        Assert.Equal(1, updated["updated"].GetInt32());
        ApiAnswer info = await emulator.Api.PostAsync("file/info.cgi", new { url = file.Url });
        Assert.Equal("d", info["description"].GetString());
        Assert.Equal(1, info["pass"].GetInt32());
        Assert.Equal(1, info["inline"].GetInt32());
        (await emulator.Api.PostAsync("download/get_token.cgi", new { url = file.Url })).AssertKo(HttpStatusCode.Forbidden, 631);
        (await emulator.Api.PostAsync("download/get_token.cgi", new { url = file.Url, pass = "wrong!" })).AssertKo(HttpStatusCode.Forbidden, 631);
        (await emulator.Api.PostAsync("download/get_token.cgi", new { url = file.Url, pass = "secret1" })).AssertOk();
        (await emulator.Api.PostAsync("file/chattr.cgi", new { urls = new[] { file.Url }, pass = "short" })).AssertKo(HttpStatusCode.Forbidden, 540);
    }

    [Fact]
    public async Task Ls_of_the_whole_account_and_date_filters()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        long folder = await emulator.Api.MkdirAsync("f");
        await emulator.Api.UploadOneAsync(0, "root.txt", [1]);
        await emulator.Api.UploadOneAsync(folder, "inner.txt", [1]);

        Assert.Equal(2, await emulator.Api.CountFilesAsync(-1));
        Assert.Equal(0, (await emulator.Api.PostAsync("file/ls.cgi", new { folder_id = -1, sent_after = "2999-01-01 00:00:00" }))["count"].GetInt32());
        Assert.Equal(2, (await emulator.Api.PostAsync("file/ls.cgi", new { folder_id = -1, sent_before = "2999-01-01 00:00:00" }))["count"].GetInt32());
        (await emulator.Api.PostAsync("file/ls.cgi", new { folder_id = 5555 })).AssertKo(HttpStatusCode.NotFound, 469);
    }
}
