using System.Runtime.InteropServices;

namespace FsMount.Fuse.Protocol;

/// <summary><c>fuse_copy_file_range_out</c> (8 bytes, protocol 7.45): COPY_FILE_RANGE_64's reply; COPY_FILE_RANGE answers a <see cref="WriteOut"/>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct CopyFileRangeOut
{
    public ulong BytesCopied;
}
