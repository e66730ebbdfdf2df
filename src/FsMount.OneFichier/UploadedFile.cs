namespace FsMount.OneFichier;

/// <summary>
/// A file just uploaded: its URL, decoded name, size, Whirlpool hash when known, and when it was uploaded (the
/// service's date when it was found in a listing, else when its report was read).
/// </summary>
public sealed record UploadedFile(string Url, string Name, long Size, string? Whirlpool, DateTimeOffset Uploaded);
