using System.Text.Json.Nodes;
using FsMount.Emulator.Hosting;
using FsMount.Emulator.Limits;
using FsMount.Emulator.State;
using FsMount.Emulator.Wire;
using Microsoft.AspNetCore.Routing;

namespace FsMount.Emulator.Endpoints;

/// <summary><c>/v1/folder/*</c>: list, create, remove, move/rename folders.</summary>
internal sealed class FolderEndpoints(EmulatorStore store, FloodGuard floodGuard, NameRules names, EmulatorOptions options, PublicAddress address, TimeProvider time)
{
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapApi("/v1/folder/ls.cgi", List);
        routes.MapApi("/v1/folder/mkdir.cgi", Create);
        routes.MapApi("/v1/folder/rm.cgi", Remove);
        routes.MapApi("/v1/folder/mv.cgi", Move);
    }

    private IResult List(RequestBody body)
    {
        long folderId = body.GetInt64("folder_id") ?? EmulatorFolder.RootId;
        EmulatorFolder folder = store.FindFolder(folderId) ?? throw new ApiException(ApiError.NotFound);
        if (floodGuard.AdmitListing("folder/ls", folderId) is { } flood)
        {
            return ApiResponse.Ko(flood);
        }

        int cap = floodGuard.Settings.ListingCap;
        IReadOnlyList<EmulatorFolder> subFolders = store.ListSubFolders(folderId);
        IReadOnlyList<EmulatorFile> files = store.ListFiles(folderId, time.GetUtcNow());
        var response = new JsonObject
        {
            ["folder_id"] = folder.Id,
            ["name"] = folder.Name,
            ["status"] = "OK",
            ["size"] = folder.IsRoot ? null : files.Sum(file => file.Size),
            ["files"] = files.Count,
        };
        if (!folder.IsRoot)
        {
            response["create_date"] = ParisTime.Format(folder.Created);
            response["pass"] = 0;
        }

        response["sub_folders"] = new JsonArray(subFolders.Take(cap).Select(sub => (JsonNode)new JsonObject
        {
            ["id"] = sub.Id,
            ["name"] = sub.Name,
            ["create_date"] = ParisTime.Format(sub.Created),
            ["pass"] = 0,
        }).ToArray());
        if (body.GetFlag("files"))
        {
            int room = Math.Max(0, cap - subFolders.Count);
            response["items"] = new JsonArray(files.Take(room).Select(file => (JsonNode)FileJson.ListItem(file, address)).ToArray());
        }

        return ApiResponse.Ok(response);
    }

    private IResult Create(RequestBody body)
    {
        string name = body.RequireString("name");
        if (!names.IsValidFolderName(name))
        {
            return ApiResponse.Ko(ApiError.InvalidName);
        }

        EmulatorFolder folder = store.CreateFolder(body.GetInt64("folder_id") ?? EmulatorFolder.RootId, name, options.AllowDuplicateFolderNames);
        return ApiResponse.Ok(new JsonObject { ["status"] = "OK", ["folder_id"] = folder.Id, ["name"] = folder.Name });
    }

    private IResult Remove(RequestBody body)
    {
        long folderId = body.GetInt64("folder_id") ?? throw new ApiException("'folder_id' is required");
        store.RemoveFolder(folderId);
        return ApiResponse.Ok(new JsonObject { ["status"] = "OK", ["message"] = "Folder removed" });
    }

    // With `rename` and no destination the folder is renamed in place; with both it is moved and renamed (as
    // rclone uses it); without `rename` a missing destination means the root (rclone omits a 0 destination).
    private IResult Move(RequestBody body)
    {
        long folderId = body.GetInt64("folder_id") ?? throw new ApiException("'folder_id' is required");
        string? rename = body.GetString("rename");
        if (rename is not null && !names.IsValidFolderName(rename))
        {
            return ApiResponse.Ko(ApiError.InvalidName);
        }

        EmulatorFolder folder = store.FindFolder(folderId) ?? throw new ApiException(ApiError.NotFound);
        long destination = body.GetInt64("destination_folder_id") ?? (rename is null ? EmulatorFolder.RootId : folder.ParentId ?? EmulatorFolder.RootId);
        (EmulatorFolder before, EmulatorFolder after) = store.MoveFolder(folderId, destination, rename ?? folder.Name, options.AllowDuplicateFolderNames);
        return ApiResponse.Ok(new JsonObject
        {
            ["status"] = "OK",
            ["message"] = "Folder moved",
            ["old_name"] = before.Name,
            ["new_name"] = after.Name,
        });
    }
}
