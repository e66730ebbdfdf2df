namespace FsMount.Core.Remote;

/// <summary>
/// One file of an upload: its name, its length, and how to read its bytes when they are sent
/// (opened one item at a time, disposed by the drive; not needed to look an upload up).
/// </summary>
public sealed record UploadItem(string Name, long Length, Func<Stream>? OpenContent = null);
