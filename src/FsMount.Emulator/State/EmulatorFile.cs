namespace FsMount.Emulator.State;

/// <summary>A stored file. <see cref="BlobName"/> names its body on disk and may be shared by copies.</summary>
internal sealed record EmulatorFile(
    string ShortId,
    long FolderId,
    string Name,
    long Size,
    DateTimeOffset Uploaded,
    string Checksum,
    string ContentType,
    string BlobName,
    DateTimeOffset VisibleFrom,
    EmulatorFileAttributes Attributes);
