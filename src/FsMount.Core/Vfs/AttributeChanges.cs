namespace FsMount.Core.Vfs;

/// <summary>
/// The attributes a caller asks to change; null leaves one as it is. Owners are not here: the
/// service keeps none, so a change of owner is accepted and ignored by the adapter.
/// </summary>
public sealed record AttributeChanges
{
    public long? Size { get; init; }

    public DateTimeOffset? LastWriteTime { get; init; }

    public DateTimeOffset? LastAccessTime { get; init; }

    public uint? Permissions { get; init; }
}
