using FsMount.OneFichier.Wire;

namespace FsMount.Cli.Status;

/// <summary>What became of one URL of a remote upload: the stored file's link, or the service's reason.</summary>
internal sealed record RemoteUploadUrlState(string Url, string? Link, string? Problem)
{
    public static RemoteUploadUrlState From(RemoteUploadUrlResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Succeeded
            ? new RemoteUploadUrlState(result.Url, result.DownloadLink, null)
            : new RemoteUploadUrlState(result.Url, null, result.Message ?? "the service gave no reason");
    }
}
