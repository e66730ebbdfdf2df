using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FsMount.WinFsp.Native;

namespace FsMount.WinFsp.Tests.Support;

/// <summary>Reads a ReadDirectory page back the way WinFsp's kernel driver walks it: records by their size, 8-byte aligned, up to a zero size.</summary>
internal static class DirectoryRecords
{
    public static (List<(string Name, FspFileInfo Info)> Entries, bool Ended) Parse(ReadOnlySpan<byte> page)
    {
        var entries = new List<(string Name, FspFileInfo Info)>();
        var offset = 0;
        while (offset + sizeof(ushort) <= page.Length)
        {
            var size = MemoryMarshal.Read<ushort>(page[offset..]);
            if (size == 0)
            {
                Assert.Equal(page.Length, offset + sizeof(ushort));
                return (entries, true);
            }

            var header = MemoryMarshal.Read<DirInfo>(page[offset..]);
            var name = MemoryMarshal.Cast<byte, char>(page[(offset + Unsafe.SizeOf<DirInfo>())..(offset + size)]);
            entries.Add((new string(name), header.FileInfo));
            offset += (size + 7) & ~7;
        }

        Assert.Equal(page.Length, offset);
        return (entries, false);
    }
}
