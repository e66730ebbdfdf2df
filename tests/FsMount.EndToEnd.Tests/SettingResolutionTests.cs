using FsMount.Cli;
using FsMount.Cli.Configuration;

namespace FsMount.EndToEnd.Tests;

/// <summary>
/// How settings from the config file, the environment and the command line combine with profiles
/// (pure: layers built in memory), and how a bad or unknown one is reported.
/// </summary>
public sealed class SettingResolutionTests
{
    private static readonly string[] s_noStoredKeys = [];

    [Fact]
    public void A_profile_overrides_the_top_level_and_later_sources_override_earlier_ones()
    {
        var file = Layer("file", exact: true, ("cacheMaxSize", "1G"), ("umask", "077"), ("readOnly", "true"), ("profiles:media:cacheMaxSize", "20G"), ("profiles:media:umask", "007"));
        var environment = Layer("env", exact: false, ("UMASK", "027"), ("PROFILE", "media"));
        var commandLine = Layer("cli", exact: true, ("readOnly", "false"));

        var settings = ResolvedSettings.Resolve([file, environment, commandLine], s_noStoredKeys);

        Assert.Equal("media", settings.Profile);
        Assert.Equal(new ResolvedSetting("20G", "file profiles:media:cacheMaxSize"), settings.Find("cacheMaxSize"));
        Assert.Equal(new ResolvedSetting("027", "env UMASK"), settings.Find("umask"));
        Assert.Equal(new ResolvedSetting("false", "cli readOnly"), settings.Find("readOnly"));
        Assert.Equal(20_000_000_000, settings.Get("cacheMaxSize", SettingValues.Size));
        Assert.Empty(settings.Warnings);
    }

    [Fact]
    public void Without_a_profile_the_profiles_are_ignored()
    {
        var file = Layer("file", exact: true, ("cacheMaxSize", "1G"), ("profiles:media:cacheMaxSize", "20G"));

        var settings = ResolvedSettings.Resolve([file], s_noStoredKeys);

        Assert.Null(settings.Profile);
        Assert.Equal(1_000_000_000, settings.Get("cacheMaxSize", SettingValues.Size));
    }

    [Fact]
    public void An_unknown_profile_is_refused_naming_where_it_was_chosen_and_the_known_ones()
    {
        var file = Layer("file", exact: true, ("profiles:media:umask", "077"), ("profiles:work:umask", "022"));
        var commandLine = Layer("cli", exact: true, ("profile", "meda"));

        var failure = Assert.Throws<StartupException>(() => ResolvedSettings.Resolve([file, commandLine], ["backup"]));

        Assert.Equal(2, failure.ExitCode);
        Assert.Equal("cli profile: unknown profile 'meda'; the profiles are: backup, media, work", failure.Message);
    }

    [Fact]
    public void A_misspelled_key_in_a_file_is_warned_about_and_ignored_while_the_environment_takes_any_case_and_ignores_other_variables()
    {
        var file = Layer("file", exact: true, ("cacheMaxsize", "1G"), ("profiles:media:wirteBack", "1s"), ("OneFichier:callsPerSecond", "1"));
        var environment = Layer("env", exact: false, ("CACHEMAXSIZE", "2G"), ("ONEFICHIER:FLOODPAUSE", "1m"), ("REQUIRE_FUSE", "1"));

        var settings = ResolvedSettings.Resolve([file, environment], s_noStoredKeys);

        Assert.Equal(["file cacheMaxsize", "file profiles:media:wirteBack"], settings.Warnings.Select(warning => warning.Split(" is not a setting")[0]));
        Assert.Equal("env CACHEMAXSIZE", settings.Find("cacheMaxSize")!.Source);
        Assert.Equal(["ONEFICHIER:FLOODPAUSE", "OneFichier:callsPerSecond"], settings.Tuning.Select(pair => pair.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_bad_value_is_one_line_naming_the_setting_and_its_source()
    {
        var file = Layer("file", exact: true, ("profiles:media:cacheMaxSize", "lots"), ("profile", "media"));

        var settings = ResolvedSettings.Resolve([file], s_noStoredKeys);
        var failure = Assert.Throws<StartupException>(() => settings.Get("cacheMaxSize", SettingValues.Size));

        Assert.Equal("file profiles:media:cacheMaxSize: 'lots' is not a size (e.g. 500MB, 2G, 10GiB; 0 for none)", failure.Message);
    }

    [Fact]
    public void Tuning_takes_durations_and_byte_counts_in_human_form_and_names_a_bad_value()
    {
        var good = ResolvedSettings.Resolve([Layer("file", exact: true, ("OneFichier:FolderListingSpacing", "45s"), ("Core:MaxBytesPerUpload", "32MiB"), ("OneFichier:CallBurst", "3"))], s_noStoredKeys);
        var bad = ResolvedSettings.Resolve([Layer("file", exact: true, ("OneFichier:CallBurst", "many"))], s_noStoredKeys);

        var tuning = TuningSettings.Build(good);

        Assert.Equal("00:00:45", tuning["OneFichier:FolderListingSpacing"]);
        Assert.Equal("33554432", tuning["Core:MaxBytesPerUpload"]);
        Assert.Equal("3", tuning["OneFichier:CallBurst"]);
        Assert.Equal("file OneFichier:CallBurst: 'many' is not a whole number", Assert.Throws<StartupException>(() => TuningSettings.Build(bad)).Message);
    }

    [Fact]
    public void Tuning_the_options_refuse_is_refused_naming_the_setting()
    {
        var tooOften = ResolvedSettings.Resolve([Layer("env", exact: false, ("ONEFICHIER:CALLSPERSECOND", "-1"))], s_noStoredKeys);
        var tooShort = ResolvedSettings.Resolve([Layer("file", exact: true, ("Core:DirectoryCacheTime", "5s"))], s_noStoredKeys);

        Assert.Equal("env ONEFICHIER:CALLSPERSECOND: CallsPerSecond must be positive", Assert.Throws<StartupException>(() => TuningSettings.Build(tooOften)).Message);
        Assert.StartsWith("file Core:DirectoryCacheTime: DirectoryCacheTime is 00:00:05; ", Assert.Throws<StartupException>(() => TuningSettings.Build(tooShort)).Message, StringComparison.Ordinal);
    }

    private static SettingLayer Layer(string name, bool exact, params (string Key, string Value)[] values) =>
        new(values.Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value)), key => $"{name} {key}", exact);
}
