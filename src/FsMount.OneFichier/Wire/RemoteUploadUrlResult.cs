namespace FsMount.OneFichier.Wire;

/// <summary>What became of one URL of a remote upload: <c>status</c> OK with the stored file's <c>download_link</c>, or KO and why.</summary>
public sealed record RemoteUploadUrlResult(
    string Url,
    string? Status,
    string? Message,
    string? DownloadLink)
{
    public bool Succeeded => string.Equals(Status, "OK", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(DownloadLink);
}
