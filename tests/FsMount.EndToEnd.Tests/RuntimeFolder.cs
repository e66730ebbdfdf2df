namespace FsMount.EndToEnd.Tests;

/// <summary>
/// A test's own <c>XDG_RUNTIME_DIR</c> (mode 0755, as a user's /run/user/UID is reachable), so the
/// status sockets of its mounts are apart from those of other tests and of mounts on the machine.
/// </summary>
internal static class RuntimeFolder
{
    public const string Variable = "XDG_RUNTIME_DIR";

    /// <summary>The account's fast environment with a runtime folder of its own, under the account's work folder.</summary>
    public static Dictionary<string, string> EnvironmentFor(EmulatedAccount account)
    {
        var folder = account.CreateDirectory("run");
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return new Dictionary<string, string>(account.FastEnvironment) { [Variable] = folder };
    }

    /// <summary>The folder of the status sockets in that environment.</summary>
    public static string SocketFolder(IReadOnlyDictionary<string, string> environment) => Path.Combine(environment[Variable], "fsmount");
}
