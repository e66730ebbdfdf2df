using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FsMount.Core.Vfs;
using FsMount.WinFsp.Native;

namespace FsMount.WinFsp;

/// <summary>
/// One ReadDirectory answer: the entries after the marker (the last name the previous page returned),
/// packed as FSP_FSCTL_DIR_INFO records the way FspFileSystemAddDirInfo packs them (each record
/// 8-byte aligned, only whole records), then the zero-size end marker once every entry fit. When the
/// buffer fills first, WinFsp asks again with the last name written as the marker, so the order must
/// be stable: the listing's, ordinal by name, after "." and "..".
/// </summary>
internal static class DirectoryPage
{
    private const int EndMarkerSize = sizeof(ushort);

    /// <returns>The bytes written.</returns>
    public static int Write(Span<byte> buffer, DirectoryListing listing, string? marker, FileInfoEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(encoder);
        var written = 0;
        foreach (var (name, attributes) in After(listing, marker))
        {
            if (!TryAdd(buffer, ref written, name, encoder.Encode(attributes)))
            {
                return written;
            }
        }

        if (written + EndMarkerSize <= buffer.Length)
        {
            buffer.Slice(written, EndMarkerSize).Clear();
            written += EndMarkerSize;
        }

        return written;
    }

    private static IEnumerable<(string Name, NodeAttributes Attributes)> After(DirectoryListing listing, string? marker)
    {
        // Windows expects "." and ".." first in every folder but the root; they are never real names here.
        if (listing.Self is { } self)
        {
            if (marker is null)
            {
                yield return (".", self);
            }

            if (marker is null or ".")
            {
                yield return ("..", self);
            }

            if (marker is "." or "..")
            {
                marker = null;
            }
        }

        var entries = listing.Entries;
        for (var i = marker is null ? 0 : FirstAfter(entries, marker); i < entries.Count; i++)
        {
            yield return (entries[i].Name, entries[i].Attributes);
        }
    }

    private static int FirstAfter(IReadOnlyList<DirectoryEntry> entries, string marker)
    {
        var (low, high) = (0, entries.Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (string.CompareOrdinal(entries[middle].Name, marker) <= 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static bool TryAdd(Span<byte> buffer, ref int written, string name, FspFileInfo info)
    {
        var size = Unsafe.SizeOf<DirInfo>() + (name.Length * sizeof(char));
        var aligned = (size + DirInfo.Alignment - 1) & -DirInfo.Alignment;
        if (written + aligned > buffer.Length)
        {
            return false;
        }

        var record = buffer.Slice(written, aligned);
        record.Clear();
        MemoryMarshal.Write(record, new DirInfo { Size = (ushort)size, FileInfo = info });
        MemoryMarshal.AsBytes(name.AsSpan()).CopyTo(record[Unsafe.SizeOf<DirInfo>()..]);
        written += aligned;
        return true;
    }
}
