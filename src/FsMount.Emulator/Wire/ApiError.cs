using System.Globalization;

namespace FsMount.Emulator.Wire;

/// <summary>
/// A KO answer: the message ends with <c>#code</c> as the service's do. Codes 540-546 are the emulator's own
/// (the service's codes for those cases are not documented); the others are the service's.
/// </summary>
internal sealed record ApiError(int Code, string Text, int HttpStatus)
{
    public static readonly ApiError NoSuchUser = new(93, "No such user", StatusCodes.Status401Unauthorized);
    public static readonly ApiError Flood = new(374, "Flood detected: IP Locked", StatusCodes.Status403Forbidden);
    public static readonly ApiError UserInfoFlood = new(38, "Flood detected: IP Locked", StatusCodes.Status403Forbidden);
    public static readonly ApiError NotFound = new(469, "Resource not found", StatusCodes.Status404NotFound);

    // Observed arriving with HTTP 200 (rclone #7856).
    public static readonly ApiError NotRenamed = new(312, "No file has been renamed", StatusCodes.Status200OK);
    public static readonly ApiError NotAllowed = new(631, "Resource not allowed", StatusCodes.Status403Forbidden);
    public static readonly ApiError InvalidRequest = new(540, "Invalid request", StatusCodes.Status403Forbidden);
    public static readonly ApiError InvalidName = new(541, "Invalid name", StatusCodes.Status403Forbidden);
    public static readonly ApiError FolderNotEmpty = new(542, "Folder is not empty", StatusCodes.Status403Forbidden);
    public static readonly ApiError FolderExists = new(543, "A folder with this name already exists", StatusCodes.Status403Forbidden);
    public static readonly ApiError FolderMoveRefused = new(544, "Folder cannot be moved there", StatusCodes.Status403Forbidden);
    public static readonly ApiError QuotaExceeded = new(545, "Not enough space", StatusCodes.Status403Forbidden);

    // The emulator's own refusal: it fetches loopback URLs only, so it can never be made to reach the network.
    public static readonly ApiError RemoteUrlRefused = new(546, "URL not allowed: the emulator fetches only loopback addresses", StatusCodes.Status403Forbidden);

    public string Message => string.Create(CultureInfo.InvariantCulture, $"{Text} #{Code}");

    public ApiError WithDetail(string detail) => this with { Text = $"{Text}: {detail}" };
}
