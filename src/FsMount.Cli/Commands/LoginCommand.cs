using System.CommandLine;
using System.Text;
using FsMount.Cli.Configuration;

namespace FsMount.Cli.Commands;

/// <summary>
/// <c>fsmount login [--profile NAME]</c>: stores the API key where <c>fsmount mount</c> finds it, in a
/// file only its owner can read. The key is read at a silent prompt from a terminal, or from stdin
/// when piped (<c>echo KEY | fsmount login</c>), so it is never on a command line or in the shell history.
/// It is not checked against the service here: the service answers an account check only once per
/// 5 minutes, and a listing of a folder once per 30 s, so a check now could delay the mount that follows.
/// A wrong key is reported by that mount (exit 3).
/// </summary>
internal static class LoginCommand
{
    public static Command Create()
    {
        var profile = new Option<string>("--profile")
        {
            Description = "Store the key for this profile (an account mounted with fsmount mount --profile NAME), else as the default key",
            HelpName = "NAME",
        };
        var command = new Command(
            "login",
            $"Store the API key (at a silent prompt, or from stdin when piped) in {ConfigFolder.KeysFolder}/NAME, readable by you only, for fsmount mount to use; only its shape is checked now, the key itself when you mount")
        {
            profile,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var name = parseResult.GetValue(profile);
            if (name is not null && !ConfigFolder.IsProfileName(name))
            {
                await Console.Error.WriteLineAsync($"fsmount: '{name}' cannot name a profile; use letters, digits, '-', '_' and '.' (e.g. media)");
                return ExitCodes.Usage;
            }

            var key = Console.IsInputRedirected ? await ReadPipedAsync(cancellationToken) : ReadSilently(name);
            if (key.Length == 0)
            {
                await Console.Error.WriteLineAsync("fsmount: no key was given; copy it from https://1fichier.com/console/params.pl and paste it at the prompt (or pipe it in)");
                return ExitCodes.Usage;
            }

            try
            {
                ApiKeyShape.Check(key, Console.IsInputRedirected ? "stdin" : "the prompt");
            }
            catch (StartupException refused)
            {
                await Console.Error.WriteLineAsync($"fsmount: {refused.Message}");
                return refused.ExitCode;
            }

            try
            {
                var path = StoredKeyFile.Write(name, key);
                var mount = name is null ? "fsmount mount MOUNTPOINT" : $"fsmount mount MOUNTPOINT --profile {name}";
                await Console.Out.WriteLineAsync($"fsmount: the key is stored in {path}, readable by you only; it is checked when you mount: {mount}");
                return ExitCodes.Success;
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"fsmount: cannot store the key in {ConfigFolder.KeysFolder}: {failure.Message}");
                return ExitCodes.Failure;
            }
        });
        return command;
    }

    private static async Task<string> ReadPipedAsync(CancellationToken cancellationToken) =>
        (await Console.In.ReadToEndAsync(cancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";

    // Key presses are intercepted, so nothing of the key is shown; not even a '*' per character.
    private static string ReadSilently(string? profile)
    {
        Console.Error.Write($"API key{(profile is null ? "" : $" for profile {profile}")} (not shown as you type): ");
        var key = new StringBuilder();
        for (var press = Console.ReadKey(intercept: true); press.Key != ConsoleKey.Enter; press = Console.ReadKey(intercept: true))
        {
            if (press.Key == ConsoleKey.Backspace)
            {
                key.Length = Math.Max(0, key.Length - 1);
            }
            else if (!char.IsControl(press.KeyChar))
            {
                key.Append(press.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return key.ToString().Trim();
    }
}
