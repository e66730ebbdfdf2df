using CsCheck;
using FsMount.Core.Names;

namespace FsMount.Core.Tests.Names;

public sealed class WindowsNamesTests
{
    // Characters around every rule: forbidden, controls, stand-ins, the quote, dots, spaces, device letters.
    private static readonly Gen<char> s_tricky = Gen.Char["*?:\"<>|\\/\0\u0001\u001F .aconCONLPTlpt1¹\u201B\u2400\u241F\u2420\uFF0E\uFF0A\uFF1F\uFF3C\uFF43\uFF23\uFF2E\uD800\uDC00"];
    private static readonly Gen<string> s_names = Gen.Frequency((4, s_tricky), (1, Gen.Char)).Array[1, 10].Select(chars => new string(chars));

    [Theory]
    [InlineData("movie.mkv", "movie.mkv")]
    [InlineData("été 名前 😀.txt", "été 名前 😀.txt")]
    [InlineData("what?.txt", "what？.txt")]
    [InlineData("a*b:c\"d<e>f|g\\h/i", "a＊b：c＂d＜e＞f｜g＼h／i")]
    [InlineData("bell\u0007\0", "bell␇␀")]
    [InlineData("trailing ", "trailing␠")]
    [InlineData("trailing.", "trailing．")]
    [InlineData("dots...", "dots..．")]
    [InlineData(" leading", " leading")]
    [InlineData(".", "．")]
    [InlineData("..", ".．")]
    [InlineData(".hidden", ".hidden")]
    [InlineData("CON", "ＣON")]
    [InlineData("con.txt", "ｃon.txt")]
    [InlineData("nul.tar.gz", "ｎul.tar.gz")]
    [InlineData("Aux .c", "Ａux .c")]
    [InlineData("com1", "ｃom1")]
    [InlineData("LPT¹", "ＬPT¹")]
    [InlineData("CONOUT$", "ＣONOUT$")]
    [InlineData("CONSOLE", "CONSOLE")]
    [InlineData("com10", "com10")]
    [InlineData("xcon", "xcon")]
    [InlineData("real＊", "real‛＊")]
    [InlineData("real␀", "real‛␀")]
    [InlineData("end␠", "end‛␠")]
    [InlineData("mid␠dle", "mid␠dle")]
    [InlineData("end．", "end‛．")]
    [InlineData("．mid", "．mid")]
    [InlineData("ｃon", "‛ｃon")]
    [InlineData("ｃonsole", "ｃonsole")]
    [InlineData("q‛q", "q‛q")]
    [InlineData("q‛＊", "q‛‛‛＊")]
    [InlineData("q‛*", "q‛‛＊")]
    [InlineData("q‛", "q‛")]
    [InlineData("‛‛", "‛‛‛")]
    public void Shows_what_Windows_forbids_with_stand_ins_and_reads_them_back(string remote, string shown)
    {
        Assert.Equal(shown, WindowsNames.Present(remote));
        Assert.Equal(remote, WindowsNames.RemoteNameOf(shown));
    }

    [Theory]
    [InlineData("a*b")]
    [InlineData("trailing.")]
    [InlineData("trailing ")]
    [InlineData("CON")]
    [InlineData("‛‛a")]
    [InlineData("")]
    public void A_name_no_remote_name_is_shown_as_is_refused(string shown)
    {
        Assert.Null(WindowsNames.RemoteNameOf(shown));
    }

    [Fact]
    public void Decoding_inverts_encoding_for_any_name()
    {
        s_names.Sample(name => Assert.Equal(name, WindowsNames.RemoteNameOf(WindowsNames.Present(name))), iter: 50_000);
        Gen.String[1, 40].Sample(name => Assert.Equal(name, WindowsNames.RemoteNameOf(WindowsNames.Present(name))), iter: 10_000);
    }

    [Fact]
    public void Every_shown_name_is_one_Windows_accepts()
    {
        s_names.Sample(name => Assert.True(IsValidWindowsName(WindowsNames.Present(name)), $"'{WindowsNames.Present(name)}' from '{name}'"), iter: 50_000);
    }

    // The rules of "Naming Files, Paths, and Namespaces" (learn.microsoft.com), written out independently.
    private static bool IsValidWindowsName(string name)
    {
        if (name.Length == 0 || name[^1] is ' ' or '.' || name.Any(c => c < ' ' || "*?:\"<>|\\/".Contains(c, StringComparison.Ordinal)))
        {
            return false;
        }

        var stem = name.Split('.')[0].TrimEnd(' ').ToUpperInvariant();
        string[] devices = ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"];
        return !devices.Contains(stem)
            && !(stem.Length == 4 && (stem.StartsWith("COM", StringComparison.Ordinal) || stem.StartsWith("LPT", StringComparison.Ordinal)) && "0123456789¹²³".Contains(stem[3], StringComparison.Ordinal));
    }
}
