namespace FsMount.OneFichier;

/// <summary>A file just uploaded: its URL, decoded name, size and Whirlpool hash when the report gave one.</summary>
public sealed record UploadedFile(string Url, string Name, long Size, string? Whirlpool);
