using FsMount.Emulator.State;

namespace FsMount.Emulator.Hosting;

/// <summary>
/// The address the emulator shows to clients in file URLs, token URLs and the upload host: the configured
/// public URL, or the bound address once Kestrel knows its port.
/// </summary>
internal sealed class PublicAddress
{
    private readonly Uri? _configured;
    private Uri? _bound;

    public PublicAddress(string? publicUrl)
    {
        if (publicUrl is not null)
        {
            _configured = Normalize(new Uri(publicUrl, UriKind.Absolute));
        }
    }

    /// <summary>The base URL, always ending with '/'.</summary>
    public Uri Base => _configured ?? Volatile.Read(ref _bound) ?? throw new InvalidOperationException("The emulator is not bound yet.");

    public void SetBound(Uri bound) => Volatile.Write(ref _bound, Normalize(bound));

    public string FileUrl(string shortId) => $"{Base.GetLeftPart(UriPartial.Authority)}/?{shortId}";

    public string DownloadUrl(string token) => $"{Base.GetLeftPart(UriPartial.Authority)}/{token}";

    /// <summary>The upload node as <c>get_upload_server.cgi</c> gives it: host[:port], no scheme.</summary>
    public string UploadHost => Base.Authority;

    /// <summary>The file id of a file URL on any host (the service has alias domains), or null.</summary>
    public static string? FileIdOf(string? url)
    {
        int query = url?.LastIndexOf('?') ?? -1;
        if (query < 0)
        {
            return null;
        }

        string id = url![(query + 1)..].Split('&')[0];
        return RandomIds.IsFileId(id) ? id : null;
    }

    private static Uri Normalize(Uri uri) => new(uri.GetLeftPart(UriPartial.Authority) + "/");
}
