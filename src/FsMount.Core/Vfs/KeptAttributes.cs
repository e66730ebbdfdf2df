namespace FsMount.Core.Vfs;

/// <summary>
/// Times and permissions a user set on a node (<c>touch</c>, <c>chmod</c>, <c>cp -p</c>,
/// <c>rsync -a</c>), which the service has no place for: kept by the mount, on disk, keyed by the
/// remote identity, so that <c>rsync</c>'s size-and-time check finds them on its next run.
/// </summary>
internal sealed record KeptAttributes(DateTimeOffset? LastWriteTime, DateTimeOffset? LastAccessTime, uint? Permissions)
{
    public KeptAttributes With(AttributeChanges changes) => new(
        changes.LastWriteTime ?? LastWriteTime,
        changes.LastAccessTime ?? LastAccessTime,
        changes.Permissions ?? Permissions);
}
