using System.Net;
using System.Text.Json;
using FsMount.Emulator.Tests.TestSupport;

namespace FsMount.Emulator.Tests.Endpoints;

public sealed class FolderEndpointsTests
{
    private const string DatePattern = @"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$";

    [Fact]
    public async Task Root_listing_has_the_captured_shape()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();

        ApiAnswer root = await emulator.Api.PostAsync("folder/ls.cgi", new { folder_id = 0 });

        root.AssertOk();
        Assert.Equal(JsonValueKind.Number, root["folder_id"].ValueKind);
        Assert.Equal(0, root["folder_id"].GetInt64());
        Assert.Equal("Root", root["name"].GetString());
        Assert.Equal(JsonValueKind.Null, root["size"].ValueKind);
        Assert.Equal(JsonValueKind.Array, root["sub_folders"].ValueKind);
        Assert.False(root.Json.TryGetProperty("items", out _));
    }

    [Fact]
    public async Task Mkdir_creates_a_listed_folder_with_a_numeric_id_and_date()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();

        long id = await emulator.Api.MkdirAsync("Photos");
        ApiAnswer root = await emulator.Api.ListFolderAsync(0, files: false);

        JsonElement folder = Assert.Single(root["sub_folders"].EnumerateArray());
        Assert.Equal(id, folder.GetProperty("id").GetInt64());
        Assert.Equal("Photos", folder.GetProperty("name").GetString());
        Assert.Matches(DatePattern, folder.GetProperty("create_date").GetString());
        Assert.Equal(0, folder.GetProperty("pass").GetInt32());
        ApiAnswer listed = await emulator.Api.ListFolderAsync(id);
        Assert.Equal("Photos", listed["name"].GetString());
        Assert.Equal(0, listed["size"].GetInt64());
    }

    [Fact]
    public async Task Mkdir_refuses_an_existing_sibling_name_unless_duplicates_are_allowed()
    {
        await using TestEmulator strict = await TestEmulator.StartAsync();
        await strict.Api.MkdirAsync("Same");
        (await strict.Api.PostAsync("folder/mkdir.cgi", new { name = "Same", folder_id = 0 })).AssertKo(HttpStatusCode.Forbidden, 543);

        await using TestEmulator lenient = await TestEmulator.StartAsync(new EmulatorOptions
        {
            DataDirectory = TestEmulator.NewDataDirectory(),
            Limits = EmulatorLimitsMode.Off,
            AllowDuplicateFolderNames = true,
        });
        long first = await lenient.Api.MkdirAsync("Same");
        long second = await lenient.Api.MkdirAsync("Same");
        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData("a<b")]
    [InlineData("a/b")]
    [InlineData("quote'd")]
    [InlineData("dollar$")]
    [InlineData(" leading")]
    [InlineData("..")]
    [InlineData("")]
    public async Task Mkdir_refuses_forbidden_names(string name)
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();

        (await emulator.Api.PostAsync("folder/mkdir.cgi", new { name, folder_id = 0 })).AssertKo(HttpStatusCode.Forbidden, 541);
    }

    [Fact]
    public async Task Forbidden_characters_are_stored_when_the_setting_accepts_them()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync(new EmulatorOptions
        {
            DataDirectory = TestEmulator.NewDataDirectory(),
            Limits = EmulatorLimitsMode.Off,
            ForbiddenNames = ForbiddenNameHandling.Accept,
        });

        long id = await emulator.Api.MkdirAsync("a<b>$");

        Assert.Equal("a<b>$", (await emulator.Api.ListFolderAsync(id))["name"].GetString());
    }

    [Fact]
    public async Task Folder_names_longer_than_250_characters_are_refused()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();

        (await emulator.Api.PostAsync("folder/mkdir.cgi", new { name = new string('x', 251) })).AssertKo(HttpStatusCode.Forbidden, 541);
        await emulator.Api.MkdirAsync(new string('x', 250));
    }

    [Fact]
    public async Task Unknown_folders_are_not_found()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();

        (await emulator.Api.ListFolderAsync(987654)).AssertKo(HttpStatusCode.NotFound, 469);
        (await emulator.Api.PostAsync("folder/mkdir.cgi", new { name = "x", folder_id = 987654 })).AssertKo(HttpStatusCode.NotFound, 469);
        (await emulator.Api.PostAsync("folder/rm.cgi", new { folder_id = 987654 })).AssertKo(HttpStatusCode.NotFound, 469);
        (await emulator.Api.PostAsync("folder/mv.cgi", new { folder_id = 987654, destination_folder_id = 0 })).AssertKo(HttpStatusCode.NotFound, 469);
    }

    [Fact]
    public async Task Rm_refuses_non_empty_folders_and_the_root_and_removes_empty_ones()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        long withChild = await emulator.Api.MkdirAsync("parent");
        await emulator.Api.MkdirAsync("child", withChild);
        long withFile = await emulator.Api.MkdirAsync("files");
        await emulator.Api.UploadOneAsync(withFile, "a.txt", "abc"u8.ToArray());
        long empty = await emulator.Api.MkdirAsync("empty");

        (await emulator.Api.PostAsync("folder/rm.cgi", new { folder_id = withChild })).AssertKo(HttpStatusCode.Forbidden, 542);
        (await emulator.Api.PostAsync("folder/rm.cgi", new { folder_id = withFile })).AssertKo(HttpStatusCode.Forbidden, 542);
        (await emulator.Api.PostAsync("folder/rm.cgi", new { folder_id = 0 })).AssertKo(HttpStatusCode.Forbidden, 544);
        (await emulator.Api.PostAsync("folder/rm.cgi", new { folder_id = empty })).AssertOk();
        (await emulator.Api.ListFolderAsync(empty)).AssertKo(HttpStatusCode.NotFound, 469);
    }

    [Fact]
    public async Task Mv_renames_in_place_moves_and_refuses_cycles()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        long a = await emulator.Api.MkdirAsync("a");
        long b = await emulator.Api.MkdirAsync("b");
        long inner = await emulator.Api.MkdirAsync("inner", a);

        ApiAnswer renamed = await emulator.Api.PostAsync("folder/mv.cgi", new { folder_id = a, rename = "a2", destination_user = "" });
        renamed.AssertOk();
        Assert.Equal("a", renamed["old_name"].GetString());
        Assert.Equal("a2", renamed["new_name"].GetString());
        (await emulator.Api.PostAsync("folder/mv.cgi", new { folder_id = inner, destination_folder_id = b, rename = "moved" })).AssertOk();
        Assert.Equal("moved", Assert.Single((await emulator.Api.ListFolderAsync(b))["sub_folders"].EnumerateArray()).GetProperty("name").GetString());
        (await emulator.Api.PostAsync("folder/mv.cgi", new { folder_id = b, destination_folder_id = inner })).AssertKo(HttpStatusCode.Forbidden, 544);

        // Without rename, an absent destination is the root (rclone omits a 0 destination).
        (await emulator.Api.PostAsync("folder/mv.cgi", new { folder_id = inner })).AssertOk();
        Assert.Contains((await emulator.Api.ListFolderAsync(0))["sub_folders"].EnumerateArray(), folder => folder.GetProperty("id").GetInt64() == inner);
    }

    [Fact]
    public async Task Mv_refuses_a_name_clash_at_the_destination()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        long target = await emulator.Api.MkdirAsync("target");
        await emulator.Api.MkdirAsync("x", target);
        long x = await emulator.Api.MkdirAsync("x");

        (await emulator.Api.PostAsync("folder/mv.cgi", new { folder_id = x, destination_folder_id = target })).AssertKo(HttpStatusCode.Forbidden, 543);
    }

    [Fact]
    public async Task Listing_with_files_returns_items_and_respects_the_cap()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync(new EmulatorOptions
        {
            DataDirectory = TestEmulator.NewDataDirectory(),
            Limits = EmulatorLimitsMode.Off,
            ListingCap = 3,
        });
        long folder = await emulator.Api.MkdirAsync("f");
        await emulator.Api.MkdirAsync("sub", folder);
        await emulator.Api.UploadAsync(folder, ("1", [1]), ("2", [2]), ("3", [3]));

        ApiAnswer listing = await emulator.Api.ListFolderAsync(folder);

        Assert.Single(listing["sub_folders"].EnumerateArray());
        Assert.Equal(2, listing["items"].GetArrayLength());
        Assert.Equal(3, listing["files"].GetInt32());
        Assert.Equal(3, listing["size"].GetInt64());
    }

    [Fact]
    public async Task Ids_sent_as_numeric_strings_are_accepted()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();

        (await emulator.Api.PostAsync("folder/ls.cgi", new { folder_id = "0", files = "1" })).AssertOk();
    }
}
