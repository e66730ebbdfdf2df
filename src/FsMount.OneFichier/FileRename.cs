namespace FsMount.OneFichier;

/// <summary>One entry of a batch rename: the file's URL and its new (user-visible) name.</summary>
public sealed record FileRename(string Url, string NewName);
