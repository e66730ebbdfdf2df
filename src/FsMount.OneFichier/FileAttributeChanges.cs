namespace FsMount.OneFichier;

/// <summary>Changes for <c>file/chattr.cgi</c>; null leaves an attribute unchanged.</summary>
public sealed record FileAttributeChanges(
    string? Filename = null,
    string? Description = null,
    string? Password = null,
    bool? NoSsl = null,
    bool? Inline = null,
    bool? Cdn = null);
