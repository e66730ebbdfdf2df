using FsMount.Emulator.State;

namespace FsMount.Emulator.Hosting;

/// <summary>The generated key of an emulator data folder, in a file only its owner can read.</summary>
internal static class ApiKeyFile
{
    public const string FileName = "api-key";

    /// <summary>Reads the stored key, or generates and stores one; tells whether it was generated, and where it is.</summary>
    public static (string Key, bool Generated, string Path) LoadOrCreate(string dataDirectory)
    {
        string path = System.IO.Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            string stored = File.ReadAllText(path).Trim();
            if (stored.Length > 0)
            {
                return (stored, false, path);
            }
        }

        string key = RandomIds.ApiKey();
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, options))
        {
            writer.Write(key);
        }

        if (!OperatingSystem.IsWindows())
        {
            // A file that existed (empty) keeps its old mode through FileMode.Create.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return (key, true, path);
    }
}
