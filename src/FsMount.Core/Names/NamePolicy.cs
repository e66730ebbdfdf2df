namespace FsMount.Core.Names;

/// <summary>
/// The naming rules a mount applies, as its adapter chose them (<see cref="FsMountOptions.NameStyle"/>,
/// <see cref="FsMountOptions.CaseInsensitiveNames"/>): how a remote name is shown, how a new name
/// becomes a remote one, and how names are compared.
/// </summary>
internal sealed class NamePolicy
{
    private readonly NameStyle _style;

    public NamePolicy(NameStyle style, bool caseInsensitive)
    {
        _style = style;
        Comparer = caseInsensitive ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
    }

    /// <summary>Ordinal, or ordinal ignoring case: names keep their case either way.</summary>
    public StringComparer Comparer { get; }

    public static NamePolicy For(FsMountOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new NamePolicy(options.NameStyle, options.CaseInsensitiveNames);
    }

    public string Present(string remoteName) =>
        _style == NameStyle.Windows ? WindowsNames.Present(remoteName) : PosixNames.Present(remoteName);

    /// <summary>
    /// The remote name of a new entry the system names <paramref name="shownName"/>; null when it could
    /// not be shown under that very name. POSIX names are used as they are (the names PosixNames
    /// changes are refused as new names anyway).
    /// </summary>
    public string? RemoteNameOf(string shownName) =>
        _style == NameStyle.Windows ? WindowsNames.RemoteNameOf(shownName) : shownName;
}
