using System.Security.Cryptography;

namespace FsMount.Emulator.State;

/// <summary>The random identifiers the service hands out.</summary>
internal static class RandomIds
{
    private const string LowerAlphanumerics = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>The id in a file URL (<c>https://1fichier.com/?abcd1efgh2</c>).</summary>
    public static string FileId() => RandomNumberGenerator.GetString(LowerAlphanumerics, 10);

    /// <summary>An upload id from <c>get_upload_server.cgi</c> (10 alphanumerics).</summary>
    public static string UploadId() => RandomNumberGenerator.GetString(Alphanumerics, 10);

    /// <summary>The path of a download token URL.</summary>
    public static string DownloadToken() => RandomNumberGenerator.GetString(Alphanumerics, 32);

    /// <summary>A generated API key (the service's keys are 32 characters).</summary>
    public static string ApiKey() => RandomNumberGenerator.GetString(Alphanumerics, 32);

    /// <summary>The name of a file body on disk; never derived from anything a request sent.</summary>
    public static string BlobName() => Guid.NewGuid().ToString("N");

    public static bool IsFileId(string text) =>
        text.Length is >= 5 and <= 20 && text.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c));

    public static bool IsUploadId(string? text) => text is { Length: 10 } && text.All(char.IsAsciiLetterOrDigit);
}
