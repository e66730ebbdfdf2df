namespace FsMount.Cli;

/// <summary>
/// Finds the API key: a file readable by its owner only, or the environment. The key never appears
/// on a command line, where every user of the machine could read it in the process list.
/// </summary>
internal static class ApiKeySource
{
    public const string EnvironmentVariable = "FICHIER_API_KEY";

    private const UnixFileMode GroupOrOtherAccess =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Returns the key, or null when none was given.</summary>
    public static string? Find(FileInfo? keyFile)
    {
        if (keyFile is not null)
        {
            return ReadKeyFile(keyFile);
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable)?.Trim();
        return string.IsNullOrEmpty(fromEnvironment) ? null : fromEnvironment;
    }

    private static string ReadKeyFile(FileInfo keyFile)
    {
        // FileInfo.Exists is false for a directory too, which would be reported as missing.
        if (Directory.Exists(keyFile.FullName))
        {
            throw new StartupException(
                ExitCodes.Usage, $"the API key file {keyFile.FullName} is a directory; give the file that holds the key");
        }

        if (!keyFile.Exists)
        {
            throw new StartupException(ExitCodes.Usage, $"the API key file {keyFile.FullName} does not exist");
        }

        if (!OperatingSystem.IsWindows() && (keyFile.UnixFileMode & GroupOrOtherAccess) != 0)
        {
            throw new StartupException(
                ExitCodes.Usage,
                $"the API key file {keyFile.FullName} is readable by other users; run: chmod 600 {keyFile.FullName}");
        }

        var key = File.ReadAllText(keyFile.FullName).Trim();
        if (key.Length == 0)
        {
            throw new StartupException(ExitCodes.Usage, $"the API key file {keyFile.FullName} is empty");
        }

        return key;
    }
}
