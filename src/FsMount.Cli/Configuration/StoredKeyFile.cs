namespace FsMount.Cli.Configuration;

/// <summary>
/// Writes the key <c>fsmount login</c> stores: in a folder of mode 0700, in a file created with mode
/// 0600 (never readable by others, not even for a moment), which replaces the previous key in one step.
/// </summary>
internal static class StoredKeyFile
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Stores <paramref name="key"/> for <paramref name="profile"/> (null: the default key) and returns the file's path.</summary>
    public static string Write(string? profile, string key)
    {
        var folder = ConfigFolder.KeysFolder;
        var path = ConfigFolder.KeyFileOf(profile);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, OwnerOnlyFolder);

            // A folder made before, by hand, may be open to others: the keys in it must not be.
            File.SetUnixFileMode(folder, OwnerOnlyFolder);
            options.UnixCreateMode = OwnerOnlyFile;
        }

        try
        {
            using (var file = new StreamWriter(new FileStream(temporary, options)))
            {
                file.WriteLine(key);
            }

            File.Move(temporary, path, overwrite: true);
            return path;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
