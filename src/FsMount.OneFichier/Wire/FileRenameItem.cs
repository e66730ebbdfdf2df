namespace FsMount.OneFichier.Wire;

/// <summary>One entry of a <c>file/rename.cgi</c> body; the file name is encoded.</summary>
internal sealed record FileRenameItem(
    string Url,
    string Filename);
