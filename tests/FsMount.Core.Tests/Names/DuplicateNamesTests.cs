using System.Globalization;
using FsMount.Core.Metadata;
using FsMount.Core.Names;
using FsMount.Core.Remote;

namespace FsMount.Core.Tests.Names;

public sealed class DuplicateNamesTests
{
    private static readonly NamePolicy s_posix = new(NameStyle.Posix, caseInsensitive: false);

    private static readonly DateTimeOffset s_old = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_new = s_old.AddDays(1);

    private static ListingEntry File(string name, string shortId, DateTimeOffset uploaded) =>
        ListingEntry.ForFile(new($"https://1fichier.test/?{shortId}", shortId, name, Size: 1, uploaded, Checksum: null, ContentType: null));

    private static ListingEntry Folder(long id, string name) => ListingEntry.ForFolder(new(id, name, s_old));

    public static TheoryData<int> Cases => [.. Enumerable.Range(0, s_cases.Length)];

    // Each case: entries, and the expected (presented name -> folder id or file short id), nothing shown before.
    private static readonly (string Because, ListingEntry[] Entries, string[] Expected)[] s_cases =
    [
        (
            "distinct names are kept and sorted ordinally",
            [Folder(5, "b"), File("a.txt", "id0000000a", s_old), File("B.txt", "id0000000b", s_old)],
            ["B.txt=id0000000b", "a.txt=id0000000a", "b=5"]
        ),
        (
            "the oldest upload keeps the name, a newer one is suffixed before the extension",
            [File("movie.mkv", "abcd1efgh2", s_old), File("movie.mkv", "zzzz9yyyy8", s_new)],
            ["movie (zzzz9yyyy8).mkv=zzzz9yyyy8", "movie.mkv=abcd1efgh2"]
        ),
        (
            "equal upload times: the ordinally smaller short id keeps the name",
            [File("a.mkv", "bbbbbbbbbb", s_old), File("a.mkv", "aaaaaaaaaa", s_old), File("a.mkv", "cccccccccc", s_old)],
            ["a (bbbbbbbbbb).mkv=bbbbbbbbbb", "a (cccccccccc).mkv=cccccccccc", "a.mkv=aaaaaaaaaa"]
        ),
        (
            "a folder keeps its name, every file with it is suffixed",
            [Folder(7, "show"), File("show", "aaaaaaaaaa", s_old)],
            ["show=7", "show (aaaaaaaaaa)=aaaaaaaaaa"]
        ),
        (
            "a generated name that a real file has is suffixed again; the real file keeps its name",
            [File("x.avi", "aaaaaaaaaa", s_old), File("x.avi", "bbbbbbbbbb", s_new), File("x (bbbbbbbbbb).avi", "cccccccccc", s_old)],
            ["x (bbbbbbbbbb) (bbbbbbbbbb).avi=bbbbbbbbbb", "x (bbbbbbbbbb).avi=cccccccccc", "x.avi=aaaaaaaaaa"]
        ),
        (
            "a leading dot is not an extension; no dot at all appends the suffix",
            [File(".nfo", "aaaaaaaaaa", s_old), File(".nfo", "bbbbbbbbbb", s_new), File("README", "cccccccccc", s_old), File("README", "dddddddddd", s_new)],
            [".nfo=aaaaaaaaaa", ".nfo (bbbbbbbbbb)=bbbbbbbbbb", "README=cccccccccc", "README (dddddddddd)=dddddddddd"]
        ),
        (
            "only the last extension moves behind the suffix",
            [File("a.tar.gz", "aaaaaaaaaa", s_old), File("a.tar.gz", "bbbbbbbbbb", s_new)],
            ["a.tar (bbbbbbbbbb).gz=bbbbbbbbbb", "a.tar.gz=aaaaaaaaaa"]
        ),
        (
            "names that look alike once presented are told apart",
            [File("AC/DC.flac", "aaaaaaaaaa", s_new), File("AC／DC.flac", "bbbbbbbbbb", s_old)],
            ["AC／DC (aaaaaaaaaa).flac=aaaaaaaaaa", "AC／DC.flac=bbbbbbbbbb"]
        ),
        (
            "folders sharing a name: the lowest id keeps it, the others get their id",
            [Folder(20, "dup"), Folder(10, "dup")],
            ["dup=10", "dup (20)=20"]
        ),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Presents_every_entry_under_a_distinct_deterministic_name(int index)
    {
        var (because, entries, expected) = s_cases[index];
        var actual = Render(DuplicateNames.Present(entries, _ => null, s_posix));
        Assert.True(expected.SequenceEqual(actual), $"{because}: got [{string.Join(", ", actual)}]");
    }

    [Fact]
    public void Result_does_not_depend_on_the_order_the_service_lists_in()
    {
        ListingEntry[] entries =
        [
            File("m.mkv", "aaaaaaaaaa", s_old), File("m.mkv", "bbbbbbbbbb", s_new), File("m.mkv", "cccccccccc", s_old),
            File("m (aaaaaaaaaa).mkv", "dddddddddd", s_old), File("n.mkv", "eeeeeeeeee", s_old), Folder(1, "m.mkv"), Folder(2, "n.mkv"),
        ];
        var expected = Render(DuplicateNames.Present(entries, _ => null, s_posix));

        var random = new Random(1234);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(expected, Render(DuplicateNames.Present(entries.OrderBy(_ => random.Next()).ToArray(), _ => null, s_posix)));
        }

        Assert.Equal(entries.Length, expected.Select(e => e[..e.LastIndexOf('=')]).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void A_name_shown_now_stays_with_its_entry_when_an_older_one_arrives()
    {
        var mine = File("a.txt", "newnewnew1", s_new);
        var older = File("a.txt", "oldoldold1", s_old);

        var shown = DuplicateNames.Present([mine, older], entry => entry == mine ? "a.txt" : null, s_posix);

        Assert.Equal(["a (oldoldold1).txt=oldoldold1", "a.txt=newnewnew1"], Render(shown));
    }

    [Fact]
    public void A_generated_name_shown_now_stays_when_its_entry_gets_a_new_id()
    {
        // An overwrite of the suffixed duplicate uploads a new file: it keeps the name the user saw.
        var plain = File("a.txt", "aaaaaaaaaa", s_old);
        var overwritten = File("a.txt", "zzzzzzzzzz", s_new);

        var shown = DuplicateNames.Present([plain, overwritten], entry => entry == overwritten ? "a (bbbbbbbbbb).txt" : null, s_posix);

        Assert.Equal(["a (bbbbbbbbbb).txt=zzzzzzzzzz", "a.txt=aaaaaaaaaa"], Render(shown));
    }

    [Fact]
    public void A_shown_name_of_another_plain_name_is_not_kept()
    {
        // A rename: the entry now has another remote name, so its old name means nothing.
        var renamed = File("b.txt", "aaaaaaaaaa", s_old);

        var shown = DuplicateNames.Present([renamed], _ => "a.txt", s_posix);

        Assert.Equal(["b.txt=aaaaaaaaaa"], Render(shown));
    }

    private static string[] Render(IEnumerable<(string Name, ListingEntry Entry)> entries) =>
        [.. entries.Select(e => $"{e.Name}={e.Entry.File?.ShortId ?? e.Entry.Folder!.Id.ToString(CultureInfo.InvariantCulture)}")];
}
