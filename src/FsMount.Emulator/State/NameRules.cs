namespace FsMount.Emulator.State;

/// <summary>The names the service accepts for files and folders.</summary>
internal sealed class NameRules
{
    public const int MaxFolderNameLength = 250;

    // rclone's authors found these refused by the service; '/' separates paths, '´' is reported in rclone #3298.
    private const string ForbiddenCharacters = "\\<>\"'$`/´";

    private readonly ForbiddenNameHandling _handling;

    public NameRules(ForbiddenNameHandling handling) => _handling = handling;

    public bool IsValidFileName(string? name) => IsValid(name, int.MaxValue);

    public bool IsValidFolderName(string? name) => IsValid(name, MaxFolderNameLength);

    private bool IsValid(string? name, int maxLength)
    {
        if (string.IsNullOrEmpty(name) || name.Length > maxLength || name is "." or "..")
        {
            return false;
        }

        if (_handling == ForbiddenNameHandling.Accept)
        {
            return true;
        }

        return name[0] != ' ' && !name.Any(c => char.IsControl(c) || ForbiddenCharacters.Contains(c, StringComparison.Ordinal));
    }
}
