using FsMount.Core.Names;
using FsMount.Core.Remote;

namespace FsMount.Core.Tests.Names;

public sealed class DuplicateNamesTests
{
    private static readonly DateTimeOffset s_old = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_new = s_old.AddDays(1);

    private static RemoteFile File(string name, string shortId, DateTimeOffset uploaded) =>
        new($"https://1fichier.test/?{shortId}", shortId, name, Size: 1, uploaded, Checksum: null, ContentType: null);

    private static RemoteFolder Folder(long id, string name) => new(id, name, s_old);

    // Each case: folders, files, and the expected (presented name -> folder id or file short id).
    public static TheoryData<string, RemoteFolder[], RemoteFile[], string[]> Cases => new()
    {
        {
            "distinct names are kept and sorted ordinally",
            [Folder(5, "b")],
            [File("a.txt", "id0000000a", s_old), File("B.txt", "id0000000b", s_old)],
            ["B.txt=id0000000b", "a.txt=id0000000a", "b=5"]
        },
        {
            "the newest upload keeps the name, the other is suffixed before the extension",
            [],
            [File("movie.mkv", "abcd1efgh2", s_old), File("movie.mkv", "zzzz9yyyy8", s_new)],
            ["movie (abcd1efgh2).mkv=abcd1efgh2", "movie.mkv=zzzz9yyyy8"]
        },
        {
            "equal upload times: the ordinally smaller short id keeps the name",
            [],
            [File("a.mkv", "bbbbbbbbbb", s_old), File("a.mkv", "aaaaaaaaaa", s_old), File("a.mkv", "cccccccccc", s_old)],
            ["a (bbbbbbbbbb).mkv=bbbbbbbbbb", "a (cccccccccc).mkv=cccccccccc", "a.mkv=aaaaaaaaaa"]
        },
        {
            "a folder keeps its name, every file with it is suffixed",
            [Folder(7, "show")],
            [File("show", "aaaaaaaaaa", s_new)],
            ["show=7", "show (aaaaaaaaaa)=aaaaaaaaaa"]
        },
        {
            "a generated name that a real file has is suffixed again; the real file keeps its name",
            [],
            [File("x.avi", "aaaaaaaaaa", s_new), File("x.avi", "bbbbbbbbbb", s_old), File("x (bbbbbbbbbb).avi", "cccccccccc", s_old)],
            ["x (bbbbbbbbbb) (bbbbbbbbbb).avi=bbbbbbbbbb", "x (bbbbbbbbbb).avi=cccccccccc", "x.avi=aaaaaaaaaa"]
        },
        {
            "a leading dot is not an extension; no dot at all appends the suffix",
            [],
            [File(".nfo", "aaaaaaaaaa", s_new), File(".nfo", "bbbbbbbbbb", s_old), File("README", "cccccccccc", s_new), File("README", "dddddddddd", s_old)],
            [".nfo=aaaaaaaaaa", ".nfo (bbbbbbbbbb)=bbbbbbbbbb", "README=cccccccccc", "README (dddddddddd)=dddddddddd"]
        },
        {
            "only the last extension moves behind the suffix",
            [],
            [File("a.tar.gz", "aaaaaaaaaa", s_new), File("a.tar.gz", "bbbbbbbbbb", s_old)],
            ["a.tar (bbbbbbbbbb).gz=bbbbbbbbbb", "a.tar.gz=aaaaaaaaaa"]
        },
        {
            "names that look alike once presented are told apart",
            [],
            [File("AC/DC.flac", "aaaaaaaaaa", s_old), File("AC／DC.flac", "bbbbbbbbbb", s_new)],
            ["AC／DC (aaaaaaaaaa).flac=aaaaaaaaaa", "AC／DC.flac=bbbbbbbbbb"]
        },
        {
            "folders sharing a name: the lowest id keeps it, the others get their id",
            [Folder(20, "dup"), Folder(10, "dup")],
            [],
            ["dup=10", "dup (20)=20"]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Presents_every_entry_under_a_distinct_deterministic_name(string because, RemoteFolder[] folders, RemoteFile[] files, string[] expected)
    {
        var presented = DuplicateNames.Present(folders, files);

        var actual = presented.Select(e => $"{e.Name}={(e.File is { } f ? f.ShortId : e.Folder!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))}");
        Assert.True(expected.SequenceEqual(actual), $"{because}: got [{string.Join(", ", actual)}]");
    }

    [Fact]
    public void Result_does_not_depend_on_the_order_the_service_lists_in()
    {
        RemoteFile[] files =
        [
            File("m.mkv", "aaaaaaaaaa", s_old), File("m.mkv", "bbbbbbbbbb", s_new), File("m.mkv", "cccccccccc", s_old),
            File("m (aaaaaaaaaa).mkv", "dddddddddd", s_old), File("n.mkv", "eeeeeeeeee", s_old),
        ];
        RemoteFolder[] folders = [Folder(1, "m.mkv"), Folder(2, "n.mkv")];
        var expected = Render(DuplicateNames.Present(folders, files));

        var random = new Random(1234);
        for (var i = 0; i < 20; i++)
        {
            var shuffled = DuplicateNames.Present(folders.OrderBy(_ => random.Next()).ToArray(), files.OrderBy(_ => random.Next()).ToArray());
            Assert.Equal(expected, Render(shuffled));
        }

        var names = expected.Split('|').Select(e => e[..e.LastIndexOf('=')]).ToList();
        Assert.Equal(folders.Length + files.Length, names.Distinct(StringComparer.Ordinal).Count());
    }

    private static string Render(IReadOnlyList<FsMount.Core.Metadata.ListingEntry> entries) =>
        string.Join('|', entries.Select(e => $"{e.Name}={e.File?.ShortId ?? e.Folder!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
}
