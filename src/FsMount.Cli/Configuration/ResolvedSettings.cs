using System.Reflection;

namespace FsMount.Cli.Configuration;

/// <summary>
/// The settings of one mount after layering: the config file, then the environment, then the command
/// line, each later source overriding an earlier one. Within a source, the chosen profile's values
/// override its top-level ones, which are the defaults every profile inherits.
/// </summary>
internal sealed class ResolvedSettings
{
    private readonly Dictionary<string, ResolvedSetting> _values;

    private ResolvedSettings(string? profile, Dictionary<string, ResolvedSetting> values, IReadOnlyList<string> warnings)
    {
        Profile = profile;
        _values = values;
        Warnings = warnings;
    }

    /// <summary>The profile chosen (<c>--profile</c>, <c>FSMOUNT_PROFILE</c> or <c>"profile"</c> in the file), or null.</summary>
    public string? Profile { get; }

    /// <summary>One line per key no setting has that name (a typo such as <c>cacheMaxsize</c>); those keys are ignored.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The keys of the tuning sections (<c>OneFichier:CallsPerSecond</c>, <c>Core:DirectoryCacheTime</c>) with their values.</summary>
    public IEnumerable<KeyValuePair<string, ResolvedSetting>> Tuning =>
        _values.Where(pair => pair.Key.Contains(':', StringComparison.Ordinal));

    /// <param name="layers">Lowest precedence first.</param>
    /// <param name="otherProfiles">Profiles that exist without a config file entry (a key stored by <c>fsmount login</c>).</param>
    public static ResolvedSettings Resolve(IReadOnlyList<SettingLayer> layers, IEnumerable<string> otherProfiles)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var warnings = new List<string>();
        var known = layers.Select(layer => KnownPart(layer, warnings)).ToList();
        var profile = ChooseProfile(layers, known, otherProfiles);

        var values = new Dictionary<string, ResolvedSetting>(StringComparer.OrdinalIgnoreCase);
        var profilePrefix = $"{SettingNames.Profiles}:{profile}:";
        for (var index = 0; index < layers.Count; index++)
        {
            foreach (var key in known[index].Where(key => !IsInProfiles(key)))
            {
                values[key] = new ResolvedSetting(layers[index].Values[key], layers[index].Describe(key));
            }

            foreach (var key in known[index].Where(key => profile is not null && key.StartsWith(profilePrefix, StringComparison.OrdinalIgnoreCase)))
            {
                values[key[profilePrefix.Length..]] = new ResolvedSetting(layers[index].Values[key], layers[index].Describe(key));
            }
        }

        values.Remove(SettingNames.Profile);
        return new ResolvedSettings(profile, values, warnings);
    }

    public ResolvedSetting? Find(string key) => _values.GetValueOrDefault(key);

    /// <summary>The setting parsed by <paramref name="parse"/> (which throws a <see cref="FormatException"/> saying what is wrong), or null when not set.</summary>
    public T? Get<T>(string key, Func<string, T> parse)
        where T : struct =>
        Find(key) is { } setting ? Parse(setting, parse) : null;

    /// <summary>The same for a reference type (a path, a URL).</summary>
    public T? GetObject<T>(string key, Func<string, T> parse)
        where T : class =>
        Find(key) is { } setting ? Parse(setting, parse) : null;

    /// <summary>Reports a bad value in one line naming the setting and where it was set.</summary>
    public static T Parse<T>(ResolvedSetting setting, Func<string, T> parse)
    {
        ArgumentNullException.ThrowIfNull(setting);
        ArgumentNullException.ThrowIfNull(parse);
        try
        {
            return parse(setting.Value);
        }
        catch (FormatException failure)
        {
            throw new StartupException(ExitCodes.Usage, $"{setting.Source}: {failure.Message}", failure);
        }
    }

    private static string? ChooseProfile(IReadOnlyList<SettingLayer> layers, List<List<string>> known, IEnumerable<string> otherProfiles)
    {
        var chosen = Enumerable.Range(0, layers.Count)
            .Reverse()
            .Select(index => known[index].FirstOrDefault(key => string.Equals(key, SettingNames.Profile, StringComparison.OrdinalIgnoreCase)) is { } key
                ? new ResolvedSetting(layers[index].Values[key], layers[index].Describe(key))
                : null)
            .FirstOrDefault(setting => setting is not null);
        if (chosen is null || chosen.Value.Length == 0)
        {
            return null;
        }

        var profiles = known
            .SelectMany(keys => keys.Where(IsInProfiles).Select(key => key.Split(':')[1]))
            .Concat(otherProfiles)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (!profiles.Contains(chosen.Value, StringComparer.OrdinalIgnoreCase))
        {
            var choices = profiles.Count == 0
                ? "no profile is defined (under \"profiles\" in the config file, or by fsmount login --profile NAME)"
                : $"the profiles are: {string.Join(", ", profiles)}";
            throw new StartupException(ExitCodes.Usage, $"{chosen.Source}: unknown profile '{chosen.Value}'; {choices}");
        }

        return profiles.First(name => string.Equals(name, chosen.Value, StringComparison.OrdinalIgnoreCase));
    }

    // The keys of a layer that name a setting; a warning for each of the others, which are then ignored.
    private static List<string> KnownPart(SettingLayer layer, List<string> warnings)
    {
        var known = new List<string>();
        foreach (var key in layer.Values.Keys.Order(StringComparer.Ordinal))
        {
            var segments = key.Split(':');
            var isKnown = string.Equals(segments[0], SettingNames.Profiles, StringComparison.OrdinalIgnoreCase)
                ? segments.Length >= 3 && IsSetting(segments[2..], layer.ExactNames, inProfile: true)
                : IsSetting(segments, layer.ExactNames, inProfile: false);
            if (isKnown)
            {
                known.Add(key);
            }
            else if (layer.ExactNames)
            {
                var inProfile = string.Equals(segments[0], SettingNames.Profiles, StringComparison.OrdinalIgnoreCase) && segments.Length >= 3;
                var meant = SpellingOf(inProfile ? segments[2..] : segments) is { } spelling
                    ? $" (did you mean '{spelling}'?)"
                    : " (check its spelling)";
                warnings.Add($"{layer.Describe(key)} is not a setting fsmount knows; it is ignored{meant}");
            }
        }

        return known;
    }

    private static bool IsSetting(string[] segments, bool exact, bool inProfile) => segments switch
    {
        [var name] => (!inProfile && NameMatches(name, SettingNames.Profile, exact)) || SettingNames.Mount.Any(known => NameMatches(name, known, exact)),
        [var section, var name] => SettingNames.Sections.TryGetValue(section, out var type)
            && SettingNames.Sections.Keys.Any(known => NameMatches(section, known, exact))
            && type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(property => property.CanWrite && NameMatches(name, property.Name, exact)),
        _ => false,
    };

    // The documented spelling of a name written in another case (cacheMaxsize: cacheMaxSize), if any.
    private static string? SpellingOf(string[] segments) => segments switch
    {
        [var name] => SettingNames.Mount.FirstOrDefault(known => NameMatches(name, known, exact: false)),
        [var section, var name] when SettingNames.Sections.TryGetValue(section, out var type) =>
            type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(property => property.CanWrite && NameMatches(name, property.Name, exact: false))
                .Select(property => $"{SettingNames.Sections.Keys.First(known => NameMatches(section, known, exact: false))}.{property.Name}")
                .FirstOrDefault(),
        _ => null,
    };

    // Spelled as documented, or with its first letter in the other case (camelCase in JSON, PascalCase as in the options' property names).
    private static bool NameMatches(string written, string known, bool exact) =>
        exact
            ? written == known || written == char.ToLowerInvariant(known[0]) + known[1..] || written == char.ToUpperInvariant(known[0]) + known[1..]
            : string.Equals(written, known, StringComparison.OrdinalIgnoreCase);

    private static bool IsInProfiles(string key) =>
        key.StartsWith(SettingNames.Profiles + ":", StringComparison.OrdinalIgnoreCase);
}
