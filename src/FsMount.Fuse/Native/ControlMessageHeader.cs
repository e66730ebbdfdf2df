using System.Runtime.InteropServices;

namespace FsMount.Fuse.Native;

/// <summary>
/// <c>struct cmsghdr</c> (16 bytes on LP64), followed by its data: here one file descriptor
/// (SCM_RIGHTS), so the whole message takes CMSG_SPACE(4) = 24 bytes.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ControlMessageHeader
{
    public const int SpaceForOneDescriptor = 24;

    public nuint Length;
    public int Level;
    public int Type;
}
