using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using FsMount.Fuse.Protocol;

namespace FsMount.Fuse.Tests.Support;

/// <summary>Builds request bytes the way the kernel lays them out, and decodes directory listings.</summary>
internal static class FuseMessages
{
    public static byte[] Request(uint opcode, ulong unique, ulong nodeId, ReadOnlySpan<byte> body)
    {
        var message = new byte[InHeader.Size + body.Length];
        var header = new InHeader { Length = (uint)message.Length, Opcode = opcode, Unique = unique, NodeId = nodeId };
        MemoryMarshal.Write(message, in header);
        body.CopyTo(message.AsSpan(InHeader.Size));
        return message;
    }

    public static byte[] Body<T>(T value)
        where T : unmanaged
    {
        var bytes = new byte[Unsafe.SizeOf<T>()];
        MemoryMarshal.Write(bytes, in value);
        return bytes;
    }

    public static byte[] Name(string name) => [.. Encoding.UTF8.GetBytes(name), 0];

    public static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(part => part)];

    public static List<(string Name, ulong Ino, ulong NextCookie, uint Type, EntryOut? Entry)> ParseDirents(ReadOnlySpan<byte> payload, bool plus)
    {
        var records = new List<(string, ulong, ulong, uint, EntryOut?)>();
        while (!payload.IsEmpty)
        {
            EntryOut? entry = null;
            if (plus)
            {
                entry = MemoryMarshal.Read<EntryOut>(payload);
                payload = payload[EntryOut.Size..];
            }

            var header = MemoryMarshal.Read<DirentHeader>(payload);
            var name = Encoding.UTF8.GetString(payload.Slice(DirentHeader.Size, (int)header.NameLength));
            records.Add((name, header.Ino, header.NextCookie, header.Type, entry));
            var length = (DirentHeader.Size + (int)header.NameLength + 7) & ~7;
            payload = payload[length..];
        }

        return records;
    }
}
