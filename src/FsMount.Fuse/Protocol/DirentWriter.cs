using System.Runtime.InteropServices;
using System.Text;

namespace FsMount.Fuse.Protocol;

/// <summary>
/// Appends READDIR (<c>fuse_dirent</c>) and READDIRPLUS (<c>fuse_direntplus</c>) records to a reply
/// payload. Names are not NUL-terminated and each record is padded to 8 bytes.
/// </summary>
internal static class DirentWriter
{
    public const uint TypeDirectory = 4;
    public const uint TypeRegular = 8;

    /// <summary>Appends one READDIR record; false (and nothing written) when it does not fit.</summary>
    public static bool TryAppend(Span<byte> payload, ref int used, ulong ino, ulong nextCookie, uint type, string name)
    {
        var nameLength = Encoding.UTF8.GetByteCount(name);
        var recordLength = Align8(DirentHeader.Size + nameLength);
        if (used + recordLength > payload.Length)
        {
            return false;
        }

        WriteDirent(payload.Slice(used, recordLength), ino, nextCookie, type, name, nameLength);
        used += recordLength;
        return true;
    }

    /// <summary>Appends one READDIRPLUS record; false (and nothing written) when it does not fit.</summary>
    public static bool TryAppendPlus(Span<byte> payload, ref int used, in EntryOut entry, ulong ino, ulong nextCookie, uint type, string name)
    {
        var nameLength = Encoding.UTF8.GetByteCount(name);
        var recordLength = Align8(EntryOut.Size + DirentHeader.Size + nameLength);
        if (used + recordLength > payload.Length)
        {
            return false;
        }

        var record = payload.Slice(used, recordLength);
        MemoryMarshal.Write(record, in entry);
        WriteDirent(record[EntryOut.Size..], ino, nextCookie, type, name, nameLength);
        used += recordLength;
        return true;
    }

    private static void WriteDirent(Span<byte> record, ulong ino, ulong nextCookie, uint type, string name, int nameLength)
    {
        var header = new DirentHeader { Ino = ino, NextCookie = nextCookie, NameLength = (uint)nameLength, Type = type };
        MemoryMarshal.Write(record, in header);
        var written = Encoding.UTF8.GetBytes(name, record[DirentHeader.Size..]);
        record[(DirentHeader.Size + written)..].Clear();
    }

    private static int Align8(int length) => (length + 7) & ~7;
}
