using System.Text.Json.Nodes;
using FsMount.Emulator.Faults;
using FsMount.Emulator.Hosting;
using FsMount.Emulator.Limits;
using FsMount.Emulator.State;
using FsMount.Emulator.Wire;
using Microsoft.AspNetCore.Routing;

namespace FsMount.Emulator.Endpoints;

/// <summary><c>/v1/file/*</c>: list, inspect, move, rename, copy, remove files and change their attributes.</summary>
internal sealed class FileEndpoints(EmulatorStore store, FloodGuard floodGuard, NameRules names, PublicAddress address, FaultPlan faults, TimeProvider time)
{
    private const long AllFiles = -1;

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapApi("/v1/file/ls.cgi", List);
        routes.MapApi("/v1/file/info.cgi", Info);
        routes.MapApi("/v1/file/mv.cgi", Move);
        routes.MapApi("/v1/file/rename.cgi", Rename);
        routes.MapApi("/v1/file/cp.cgi", Copy);
        routes.MapApi("/v1/file/rm.cgi", Remove);
        routes.MapApi("/v1/file/chattr.cgi", ChangeAttributes);
    }

    private IResult List(RequestBody body)
    {
        long folderId = body.GetInt64("folder_id") ?? EmulatorFolder.RootId;
        if (folderId != AllFiles && store.FindFolder(folderId) is null)
        {
            return ApiResponse.Ko(ApiError.NotFound);
        }

        DateTimeOffset? sentBefore = ParseDate(body, "sent_before");
        DateTimeOffset? sentAfter = ParseDate(body, "sent_after");
        if (floodGuard.AdmitListing("file/ls", folderId) is { } flood)
        {
            return ApiResponse.Ko(flood);
        }

        var items = store.ListFiles(folderId, time.GetUtcNow())
            .Where(file => (sentBefore is null || file.Uploaded < sentBefore) && (sentAfter is null || file.Uploaded > sentAfter))
            .Take(floodGuard.Settings.ListingCap)
            .Select(file => (JsonNode)FileJson.ListItem(file, address))
            .ToArray();
        return ApiResponse.Ok(new JsonObject { ["status"] = "OK", ["count"] = items.Length, ["items"] = new JsonArray(items) });
    }

    private IResult Info(RequestBody body)
    {
        EmulatorFile file = store.FindFile(FileJson.RequireFileId(body.RequireString("url"))) ?? throw new ApiException(ApiError.NotFound);
        return ApiResponse.Ok(FileJson.Info(file, store.FolderPath(file.FolderId), address));
    }

    private IResult Move(RequestBody body)
    {
        var ids = body.GetUrlList("urls").Select(FileJson.RequireFileId).ToList();
        string? rename = ValidatedRename(body, ids.Count);
        IReadOnlyList<EmulatorFile> moved = store.MoveFiles(ids, body.GetInt64("destination_folder_id") ?? EmulatorFolder.RootId, rename);
        var response = new JsonObject
        {
            ["status"] = "OK",
            ["moved"] = moved.Count,
            ["urls"] = new JsonArray(moved.Select(file => (JsonNode)address.FileUrl(file.ShortId)).ToArray()),
        };
        if (rename is not null)
        {
            response["filename"] = rename;
        }

        return ApiResponse.Ok(response);
    }

    private IResult Rename(RequestBody body)
    {
        var renames = body.GetObjectList("urls")
            .Select(entry => (ShortId: FileJson.RequireFileId(entry.RequireString("url")), Name: entry.RequireString("filename")))
            .ToList();
        if (renames.Any(rename => !names.IsValidFileName(rename.Name)))
        {
            return ApiResponse.Ko(ApiError.InvalidName);
        }

        var renamed = store.RenameFiles(renames);
        return ApiResponse.Ok(new JsonObject
        {
            ["status"] = "OK",
            ["renamed"] = renamed.Count,
            ["urls"] = new JsonArray(renamed.Select(pair => (JsonNode)new JsonObject
            {
                ["url"] = address.FileUrl(pair.After.ShortId),
                ["old_filename"] = pair.Before.Name,
                ["new_filename"] = pair.After.Name,
            }).ToArray()),
        });
    }

    private IResult Copy(RequestBody body)
    {
        var ids = body.GetUrlList("urls").Select(FileJson.RequireFileId).ToList();
        string? rename = ValidatedRename(body, ids.Count);
        var copies = store.CopyFiles(ids, body.GetInt64("folder_id") ?? EmulatorFolder.RootId, rename, faults.Current.ListingLag);
        var response = new JsonObject
        {
            ["status"] = "OK",
            ["copied"] = copies.Count,
            ["urls"] = new JsonArray(copies.Select(pair => (JsonNode)new JsonObject
            {
                ["from_url"] = address.FileUrl(pair.From.ShortId),
                ["to_url"] = address.FileUrl(pair.To.ShortId),
            }).ToArray()),
        };
        if (rename is not null)
        {
            response["filename"] = rename;
        }

        return ApiResponse.Ok(response);
    }

    // Unknown URLs are skipped; a call that removes nothing is "Resource not found" (so a retried delete is visible).
    private IResult Remove(RequestBody body)
    {
        var ids = body.GetObjectList("files").Select(entry => PublicAddress.FileIdOf(entry.RequireString("url"))).OfType<string>().ToList();
        IReadOnlyList<EmulatorFile> removed = store.RemoveFiles(ids);
        if (removed.Count == 0)
        {
            return ApiResponse.Ko(ApiError.NotFound);
        }

        return ApiResponse.Ok(new JsonObject
        {
            ["status"] = "OK",
            ["removed"] = removed.Count,
            ["urls"] = new JsonArray(removed.Select(file => (JsonNode)address.FileUrl(file.ShortId)).ToArray()),
        });
    }

    private IResult ChangeAttributes(RequestBody body)
    {
        var ids = body.GetUrlList("urls").Select(FileJson.RequireFileId).ToList();
        string? filename = body.GetString("filename");
        if (filename is not null && (ids.Count != 1 || !names.IsValidFileName(filename)))
        {
            return ApiResponse.Ko(ids.Count != 1 ? ApiError.InvalidRequest.WithDetail("'filename' needs a single URL") : ApiError.InvalidName);
        }

        string? password = body.GetString("pass");
        if (password is { Length: > 0 and < 6 })
        {
            return ApiResponse.Ko(ApiError.InvalidRequest.WithDetail("'pass' needs at least 6 characters"));
        }

        string? acl = body.Has("acl") ? AclJson(body) : null;
        IReadOnlyList<EmulatorFile> updated = store.UpdateFiles(ids, file => file with
        {
            Name = filename ?? file.Name,
            Attributes = file.Attributes with
            {
                Description = body.GetString("description") ?? file.Attributes.Description,
                Password = password ?? file.Attributes.Password,
                Inline = body.Has("inline") ? body.GetFlag("inline") : file.Attributes.Inline,
                NoSsl = body.Has("no_ssl") ? body.GetFlag("no_ssl") : file.Attributes.NoSsl,
                Cdn = body.Has("cdn") ? body.GetFlag("cdn") : file.Attributes.Cdn,
                AclJson = acl ?? file.Attributes.AclJson,
            },
        });
        return ApiResponse.Ok(new JsonObject
        {
            ["status"] = "OK",
            ["updated"] = updated.Count,
            ["urls"] = new JsonArray(updated.Select(file => (JsonNode)address.FileUrl(file.ShortId)).ToArray()),
        });
    }

    private string? ValidatedRename(RequestBody body, int urlCount)
    {
        string? rename = body.GetString("rename");
        if (rename is null)
        {
            return null;
        }

        if (urlCount != 1)
        {
            throw new ApiException("'rename' needs a single URL");
        }

        return names.IsValidFileName(rename) ? rename : throw new ApiException(ApiError.InvalidName);
    }

    private static string AclJson(RequestBody body)
    {
        RequestBody acl = body.GetObject("acl");
        return new JsonObject
        {
            ["ip"] = new JsonArray(acl.GetStringList("ip").Select(value => (JsonNode)value).ToArray()),
            ["country"] = new JsonArray(acl.GetStringList("country").Select(value => (JsonNode)value).ToArray()),
            ["email"] = new JsonArray(acl.GetStringList("email").Select(value => (JsonNode)value).ToArray()),
            ["premium"] = acl.GetFlag("premium") ? 1 : 0,
        }.ToJsonString();
    }

    private static DateTimeOffset? ParseDate(RequestBody body, string name)
    {
        string? text = body.GetString(name);
        return text is null ? null : ParisTime.Parse(text) ?? throw new ApiException($"'{name}' must be YYYY-MM-DD HH:MM:SS");
    }
}
