using System.Text.Json.Nodes;
using FsMount.Emulator.Hosting;
using FsMount.Emulator.State;

namespace FsMount.Emulator.Endpoints;

/// <summary>The JSON shapes of a file, as <c>file/ls.cgi</c> and <c>file/info.cgi</c> write them.</summary>
internal static class FileJson
{
    public static JsonObject ListItem(EmulatorFile file, PublicAddress address) => new()
    {
        ["url"] = address.FileUrl(file.ShortId),
        ["filename"] = file.Name,
        ["size"] = file.Size,
        ["date"] = ParisTime.Format(file.Uploaded),
        ["checksum"] = file.Checksum,
        ["content-type"] = file.ContentType,
        ["pass"] = file.Attributes.HasPassword ? 1 : 0,
        ["acl"] = file.Attributes.HasAcl ? 1 : 0,
        ["cdn"] = file.Attributes.Cdn ? 1 : 0,
    };

    public static JsonObject Info(EmulatorFile file, string folderPath, PublicAddress address)
    {
        JsonObject info = ListItem(file, address);
        info["status"] = "OK";
        info["folder_id"] = file.FolderId;
        info["path"] = folderPath;
        info["description"] = file.Attributes.Description;
        info["no_ssl"] = file.Attributes.NoSsl ? 1 : 0;
        info["inline"] = file.Attributes.Inline ? 1 : 0;
        info["acl"] = JsonNode.Parse(file.Attributes.AclJson);
        return info;
    }

    /// <summary>The file id named by a request URL; an unparseable URL is a file that does not exist.</summary>
    public static string RequireFileId(string? url) =>
        PublicAddress.FileIdOf(url) ?? throw new Wire.ApiException(Wire.ApiError.NotFound);
}
