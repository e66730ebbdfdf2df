using System.CommandLine;
using FsMount.Emulator;

namespace FsMount.Cli.Commands;

/// <summary>
/// <c>fsmount emulator</c>: runs the built-in 1fichier emulator in the foreground. Its arguments are
/// standard ASP.NET Core configuration (<c>--urls</c>, Kestrel settings, and the emulator's own
/// keys), so they are handed to the emulator unchanged; the options declared here document the
/// common ones.
/// </summary>
internal static class EmulatorCommand
{
    public static Command Create(string[] commandLine)
    {
        var command = new Command("emulator", "Run the built-in 1fichier emulator in the foreground (see README: every option, the admin API).")
        {
            new Option<string>("--data") { Description = "Folder for the emulated account (SQLite metadata and file bodies)", Required = true },
            new Option<string>("--urls") { Description = "Listen URLs (default http://127.0.0.1:0, a free loopback port)" },
            new Option<string>("--api-key") { Description = "Key the emulator accepts (default: generated once, stored in the data folder)" },
            new Option<string>("--public-url") { Description = "Scheme, host and port written into handed-out URLs" },
            new Option<string>("--limits") { Description = "strict (default: the service's limits), relaxed or off" },
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((_, cancellationToken) =>
            EmulatorServer.RunAsync(commandLine.SkipWhile(token => token != command.Name).Skip(1).ToArray(), cancellationToken));
        return command;
    }
}
