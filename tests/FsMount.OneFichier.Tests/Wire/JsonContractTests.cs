using System.Net;
using System.Text;
using System.Text.Json;
using FsMount.OneFichier.Errors;
using FsMount.OneFichier.Wire;

namespace FsMount.OneFichier.Tests.Wire;

public sealed class JsonContractTests
{
    [Fact]
    public void Root_listing_as_captured_reads_with_null_size_and_paris_dates()
    {
        const string body = """
            { "folder_id": 0, "name": "Root", "status": "OK", "size": null, "files": 0,
              "sub_folders": [ { "id": 3357645, "name": "backup", "create_date": "2021-03-20 16:42:15", "pass": 0 } ] }
            """;
        var listing = JsonSerializer.Deserialize(body, OneFichierJsonContext.Default.FolderListing)!;
        Assert.Equal(0, listing.Size);
        var folder = Assert.Single(listing.SubFolders!);
        Assert.Equal(3357645, folder.Id);
        // 20 March is winter time in Paris: UTC+1.
        Assert.Equal(new DateTimeOffset(2021, 3, 20, 15, 42, 15, TimeSpan.Zero), folder.CreateDate);
    }

    [Fact]
    public void File_items_read_sizes_beyond_2_gib_hyphenated_content_type_and_summer_time()
    {
        const string body = """
            { "status": "OK", "count": 1, "items": [ { "url": "https://1fichier.com/?abcd1efgh2", "filename": "big.iso",
              "size": "5368709120", "date": "2024-07-01 12:00:00", "checksum": "ab", "content-type": "application/x-iso9660-image", "pass": "0", "acl": 0, "cdn": 0 } ] }
            """;
        var item = Assert.Single(JsonSerializer.Deserialize(body, OneFichierJsonContext.Default.FileListing)!.Items!);
        Assert.Equal(5_368_709_120, item.Size);
        Assert.Equal("application/x-iso9660-image", item.ContentType);
        Assert.Equal(new DateTimeOffset(2024, 7, 1, 10, 0, 0, TimeSpan.Zero), item.Date);
    }

    [Theory]
    [InlineData("""{ "status": "OK", "email": "a@b.c", "offer": "1", "cdn": "0", "cold_storage": 1234, "available_cold_storage": 5000, "subscription_end": "2025-01-15 10:00:00", "mail_rm": "0" }""")]
    [InlineData("""{ "status": "OK", "email": "a@b.c", "offer": 1, "cdn": 0, "cold_storage": "1234", "available_cold_storage": "5000", "subscription_end": "2025-01-15 10:00:00", "mail_rm": 0 }""")]
    public void Account_info_reads_numbers_sent_as_numbers_or_strings(string body)
    {
        var info = JsonSerializer.Deserialize(body, OneFichierJsonContext.Default.AccountInfo)!;
        Assert.Equal((1L, 0L, 1234L, 5000L), (info.Offer, info.Cdn, info.ColdStorage, info.AvailableColdStorage));
        Assert.Equal("a@b.c", info.Email);
        // 15 January is winter time in Paris: UTC+1.
        Assert.Equal(new DateTimeOffset(2025, 1, 15, 9, 0, 0, TimeSpan.Zero), info.SubscriptionEnd);
    }

    [Fact]
    public void End_report_reads_size_as_string()
    {
        const string body = """{ "incoming": 0, "links": [ { "download": "https://1fichier.com/?abcd1efgh2", "filename": "r.pdf", "remove": "", "size": "734003", "whirlpool": "00" } ] }""";
        var link = Assert.Single(JsonSerializer.Deserialize(body, OneFichierJsonContext.Default.UploadReport)!.Links!);
        Assert.Equal(734003, link.Size);
    }

    [Fact]
    public void Requests_use_lower_case_snake_keys_and_omit_absent_fields()
    {
        var json = JsonSerializer.Serialize(new FileMoveRequest(["u"], 0, null), OneFichierJsonContext.Default.FileMoveRequest);
        Assert.Equal("""{"urls":["u"],"destination_folder_id":0}""", json);
        Assert.Equal("""{"folder_id":7,"files":1}""", JsonSerializer.Serialize(new FolderListRequest(7, 1), OneFichierJsonContext.Default.FolderListRequest));
    }

    [Fact]
    public void A_folder_move_to_the_root_names_the_root()
    {
        // rclone leaves a 0 destination out, and a missing destination with "rename" reads as "rename in place".
        var json = JsonSerializer.Serialize(new FolderMoveRequest(5, 0, "b", string.Empty), OneFichierJsonContext.Default.FolderMoveRequest);
        Assert.Equal("""{"folder_id":5,"destination_folder_id":0,"rename":"b","destination_user":""}""", json);
    }

    [Fact]
    public void Autumn_repeated_hour_reads_as_summer_time()
    {
        var time = ParisDateTimeConverter.FromParis(new DateTime(2024, 10, 27, 2, 30, 0));
        Assert.Equal(TimeSpan.FromHours(2), time.Offset);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, """{"status":"KO","message":"Flood detected: IP Locked #374"}""", 374, OneFichierFailureKind.Flood)]
    [InlineData(HttpStatusCode.OK, """{"status":"ko","message":"No file has been renamed #312"}""", 312, OneFichierFailureKind.Permanent)]
    [InlineData(HttpStatusCode.NotFound, """{"status":"KO","message":"Resource not found #469"}""", 469, OneFichierFailureKind.Permanent)]
    [InlineData(HttpStatusCode.BadGateway, "<html>bad gateway</html>", null, OneFichierFailureKind.Transient)]
    [InlineData(HttpStatusCode.Unauthorized, """{"status":"KO","message":"No such user #93"}""", 93, OneFichierFailureKind.Permanent)]
    public void Error_envelopes_become_typed_exceptions(HttpStatusCode status, string body, int? code, OneFichierFailureKind kind)
    {
        var e = Assert.Throws<OneFichierException>(() => ApiResponseReader.ThrowIfError(status, Encoding.UTF8.GetBytes(body)));
        Assert.Equal(code, e.ErrorCode);
        Assert.Equal(kind, e.Kind);
        Assert.Equal(status, e.HttpStatus);
    }

    [Fact]
    public void Success_without_status_is_not_an_error()
    {
        ApiResponseReader.ThrowIfError(HttpStatusCode.OK, """{"url":"up.example:8080","id":"Fhl1aZERQv"}"""u8.ToArray());
    }
}
