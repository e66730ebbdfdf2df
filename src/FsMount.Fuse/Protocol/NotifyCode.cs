namespace FsMount.Fuse.Protocol;

/// <summary>Codes of the notifications a server sends the kernel unasked (<c>fuse_notify_code</c>).</summary>
internal enum NotifyCode
{
    InvalidateInode = 2,
    InvalidateEntry = 3,
}
