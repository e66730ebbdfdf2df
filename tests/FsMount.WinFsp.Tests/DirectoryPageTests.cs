using FsMount.Core.Vfs;
using FsMount.WinFsp.Tests.Support;

namespace FsMount.WinFsp.Tests;

public sealed class DirectoryPageTests
{
    private static readonly FileInfoEncoder s_encoder = new(filesOffline: false);
    private static readonly DateTimeOffset s_time = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_listing_that_fits_ends_with_the_end_marker_after_the_dot_entries()
    {
        var listing = Listing(self: true, "a.txt", "b");
        var buffer = new byte[4096];

        var written = DirectoryPage.Write(buffer, listing, marker: null, s_encoder);

        var (entries, ended) = DirectoryRecords.Parse(buffer.AsSpan(0, written));
        Assert.True(ended);
        Assert.Equal([".", "..", "a.txt", "b"], entries.Select(e => e.Name));
        Assert.Equal((ulong)s_time.ToFileTime(), entries[2].Info.LastWriteTime);
        Assert.Equal(3UL, entries[3].Info.IndexNumber);
    }

    [Fact]
    public void The_root_has_no_dot_entries()
    {
        var buffer = new byte[4096];
        var written = DirectoryPage.Write(buffer, Listing(self: false, "x"), marker: null, s_encoder);

        Assert.Equal(["x"], DirectoryRecords.Parse(buffer.AsSpan(0, written)).Entries.Select(e => e.Name));
    }

    [Theory]
    [InlineData(130)]
    [InlineData(250)]
    [InlineData(700)]
    public void Pages_through_the_marker_return_every_entry_once_in_order(int bufferSize)
    {
        string[] names = ["Zebra", "a", "a (3).txt", "b.TXT", "été", "z", "名前", "😀", "~", "０"];
        var listing = Listing(self: true, [.. names.Order(StringComparer.Ordinal)]);
        var seen = new List<string>();
        string? marker = null;
        for (var page = 0; page < 100; page++)
        {
            var buffer = new byte[bufferSize];
            var (entries, ended) = DirectoryRecords.Parse(buffer.AsSpan(0, DirectoryPage.Write(buffer, listing, marker, s_encoder)));
            seen.AddRange(entries.Select(e => e.Name));
            if (ended)
            {
                break;
            }

            Assert.NotEmpty(entries);
            marker = entries[^1].Name;
        }

        Assert.Equal([".", "..", .. names.Order(StringComparer.Ordinal)], seen);
    }

    [Fact]
    public void A_marker_past_the_last_name_gives_only_the_end()
    {
        var buffer = new byte[512];
        var written = DirectoryPage.Write(buffer, Listing(self: true, "a", "b"), "b", s_encoder);

        Assert.Equal(2, written);
        Assert.True(DirectoryRecords.Parse(buffer.AsSpan(0, written)).Ended);
    }

    [Fact]
    public void A_marker_that_is_no_longer_listed_resumes_after_where_it_would_be()
    {
        var buffer = new byte[4096];
        var written = DirectoryPage.Write(buffer, Listing(self: true, "a", "c", "d"), "b", s_encoder);

        Assert.Equal(["c", "d"], DirectoryRecords.Parse(buffer.AsSpan(0, written)).Entries.Select(e => e.Name));
    }

    [Fact]
    public void Records_are_whole_and_aligned_and_too_small_a_buffer_holds_none()
    {
        var tiny = new byte[110];
        Assert.Equal(0, DirectoryPage.Write(tiny, Listing(self: false, "abcdef"), marker: null, s_encoder));

        var room = new byte[104 + 16];
        var written = DirectoryPage.Write(room, Listing(self: false, "abc", "d"), marker: null, s_encoder);
        Assert.Equal(112, written);
        var (entries, ended) = DirectoryRecords.Parse(room.AsSpan(0, written));
        Assert.Equal(["abc"], entries.Select(e => e.Name));
        Assert.False(ended);
    }

    private static DirectoryListing Listing(bool self, params string[] names)
    {
        var entries = names.Select((name, i) => new DirectoryEntry(name, Attributes((ulong)i + 2, isDirectory: false))).ToList();
        return new DirectoryListing(entries, self ? Attributes(1, isDirectory: true) : null);
    }

    private static NodeAttributes Attributes(ulong nodeId, bool isDirectory) =>
        new(nodeId, isDirectory, isDirectory ? 0 : 10, s_time, s_time, s_time, 0x1A4);
}
