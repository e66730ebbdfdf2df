using Microsoft.Extensions.Time.Testing;

namespace FsMount.WinFsp.Tests;

public sealed class ExplorerProbesTests
{
    private readonly FakeTimeProvider _time = new();

    [Theory]
    [InlineData(@"\desktop.ini", true)]
    [InlineData(@"\Movies\Desktop.INI", true)]
    [InlineData(@"\a\b\Thumbs.db", true)]
    [InlineData(@"\x\autorun.inf", true)]
    [InlineData(@"\desktop.ini\x", false)]
    [InlineData(@"\my desktop.ini", false)]
    [InlineData(@"\folder.jpg", false)]
    public void Probes_are_the_shells_own_names(string path, bool probe)
    {
        Assert.Equal(probe, ExplorerProbes.IsProbe(path));
    }

    [Fact]
    public void A_missing_probe_is_remembered_until_it_expires()
    {
        var probes = new ExplorerProbes(_time);

        probes.RememberMissing(@"\Movies\desktop.ini");

        Assert.True(probes.IsKnownMissing(@"\MOVIES\DESKTOP.INI"));
        Assert.False(probes.IsKnownMissing(@"\Music\desktop.ini"));
        _time.Advance(ExplorerProbes.Lifetime - TimeSpan.FromSeconds(1));
        Assert.True(probes.IsKnownMissing(@"\Movies\desktop.ini"));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(probes.IsKnownMissing(@"\Movies\desktop.ini"));
    }

    [Fact]
    public void Only_probes_are_remembered()
    {
        var probes = new ExplorerProbes(_time);

        probes.RememberMissing(@"\Movies\film.mkv");

        Assert.False(probes.IsKnownMissing(@"\Movies\film.mkv"));
    }

    [Fact]
    public void A_probe_created_or_renamed_into_place_is_forgotten()
    {
        var probes = new ExplorerProbes(_time);
        probes.RememberMissing(@"\a\desktop.ini");
        probes.RememberMissing(@"\b\desktop.ini");

        probes.Forget(@"\A\Desktop.ini");
        Assert.False(probes.IsKnownMissing(@"\a\desktop.ini"));
        Assert.True(probes.IsKnownMissing(@"\b\desktop.ini"));

        probes.ForgetAll();
        Assert.False(probes.IsKnownMissing(@"\b\desktop.ini"));
    }

    [Fact]
    public void A_full_cache_drops_the_expired_entries_first()
    {
        var probes = new ExplorerProbes(_time);
        for (var i = 0; i < 9_999; i++)
        {
            probes.RememberMissing($@"\old{i}\desktop.ini");
        }

        _time.Advance(ExplorerProbes.Lifetime / 2);
        probes.RememberMissing(@"\kept\desktop.ini");
        _time.Advance(ExplorerProbes.Lifetime / 2);
        probes.RememberMissing(@"\new\desktop.ini");

        Assert.True(probes.IsKnownMissing(@"\kept\desktop.ini"));
        Assert.True(probes.IsKnownMissing(@"\new\desktop.ini"));
    }
}
