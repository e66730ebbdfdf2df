using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_batch_forget_in</c> (8 bytes), followed by <see cref="Count"/> <see cref="ForgetOne"/> records.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct BatchForgetIn
{
    public uint Count;
    public uint Dummy;
}
