using System.Text.Json.Serialization;

namespace FsMount.OneFichier.Wire;

/// <summary>
/// Source-generated JSON contracts. Keys are lower-case snake case as the service writes them; absent
/// optional request fields are left out.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(FolderListRequest))]
[JsonSerializable(typeof(FolderCreateRequest))]
[JsonSerializable(typeof(FolderRemoveRequest))]
[JsonSerializable(typeof(FolderMoveRequest))]
[JsonSerializable(typeof(FileListRequest))]
[JsonSerializable(typeof(FileUrlRequest))]
[JsonSerializable(typeof(FileReference))]
[JsonSerializable(typeof(FileRemoveRequest))]
[JsonSerializable(typeof(FileMoveRequest))]
[JsonSerializable(typeof(FileRenameItem))]
[JsonSerializable(typeof(FileRenameRequest))]
[JsonSerializable(typeof(FileCopyRequest))]
[JsonSerializable(typeof(FileAttributesRequest))]
[JsonSerializable(typeof(DownloadTokenRequest))]
[JsonSerializable(typeof(EmptyRequest))]
[JsonSerializable(typeof(ApiEnvelope))]
[JsonSerializable(typeof(FolderListing))]
[JsonSerializable(typeof(SubFolder))]
[JsonSerializable(typeof(FileListing))]
[JsonSerializable(typeof(FileItem))]
[JsonSerializable(typeof(FileDetails))]
[JsonSerializable(typeof(CreatedFolder))]
[JsonSerializable(typeof(MovedFolder))]
[JsonSerializable(typeof(RemovedFiles))]
[JsonSerializable(typeof(MovedFiles))]
[JsonSerializable(typeof(RenamedFile))]
[JsonSerializable(typeof(RenamedFiles))]
[JsonSerializable(typeof(CopiedFile))]
[JsonSerializable(typeof(CopiedFiles))]
[JsonSerializable(typeof(UpdatedFiles))]
[JsonSerializable(typeof(DownloadToken))]
[JsonSerializable(typeof(UploadServer))]
[JsonSerializable(typeof(UploadReport))]
[JsonSerializable(typeof(UploadReportLink))]
[JsonSerializable(typeof(AccountInfo))]
[JsonSerializable(typeof(RemoteUploadRequest))]
[JsonSerializable(typeof(RemoteUploadIdRequest))]
[JsonSerializable(typeof(RemoteUploadRequested))]
[JsonSerializable(typeof(RemoteUploadList))]
[JsonSerializable(typeof(RemoteUploadSummary))]
[JsonSerializable(typeof(RemoteUploadInfo))]
[JsonSerializable(typeof(RemoteUploadUrlResult))]
internal sealed partial class OneFichierJsonContext : JsonSerializerContext
{
}
