namespace FsMount.OneFichier.Wire;

/// <summary>Body of <c>file/chattr.cgi</c>; null fields are left unchanged.</summary>
internal sealed record FileAttributesRequest(
    IReadOnlyList<string> Urls,
    string? Filename,
    string? Description,
    string? Pass,
    long? NoSsl,
    long? Inline,
    long? Cdn);
