using System.CommandLine;
using FsMount.Emulator;
using FsMount.Emulator.Hosting;

namespace FsMount.Cli.Commands;

/// <summary>
/// <c>fsmount emulator</c>: runs the built-in 1fichier emulator in the foreground. Its options are
/// the emulator's own settings (<see cref="EmulatorSettings"/>), declared here so the help lists every
/// one; the emulator parses the raw command line itself, which may also carry ASP.NET Core
/// configuration paths such as <c>--Kestrel:Certificates:Default:Path=FILE</c>.
/// </summary>
internal static class EmulatorCommand
{
    private const string Name = "emulator";

    public static Command Create(string[] commandLine)
    {
        var command = new Command(
            Name,
            "Run the built-in 1fichier emulator in the foreground. Durations: 50ms, 10s, 5m; sizes: 25MB, 10MiB; rates: "
            + "200Mbit; P: a probability from 0 to 1. Any ASP.NET Core setting passes as --Section:Key=VALUE (HTTPS: "
            + "--Kestrel:Certificates:Default:Path=cert.pfx). The admin API and every behaviour: src/FsMount.Emulator/README.md");
        foreach (EmulatorSetting setting in EmulatorSettings.All)
        {
            command.Options.Add(new Option<string>("--" + setting.Name)
            {
                Description = setting.Description,
                HelpName = setting.ValueName,
                Required = setting.Name == "data",
            });
        }

        command.SetAction((_, cancellationToken) =>
            EmulatorServer.RunAsync(commandLine.SkipWhile(token => token != Name).Skip(1).ToArray(), cancellationToken));
        return command;
    }

    /// <summary>
    /// The command line without the configuration paths given to the emulator (<c>--Section:Key=VALUE</c>
    /// or <c>--Section:Key VALUE</c>), which are no declared option; the emulator reads them from the full line.
    /// </summary>
    public static string[] WithoutConfigurationPaths(string[] commandLine)
    {
        int start = Array.IndexOf(commandLine, Name);
        if (start < 0)
        {
            return commandLine;
        }

        var kept = new List<string>(commandLine[..(start + 1)]);
        for (int index = start + 1; index < commandLine.Length; index++)
        {
            string token = commandLine[index];
            string name = token.TrimStart('-').Split('=')[0];
            if (!token.StartsWith("--", StringComparison.Ordinal) || !EmulatorSettings.IsConfigurationPath(name))
            {
                kept.Add(token);
            }
            else if (!token.Contains('=', StringComparison.Ordinal))
            {
                index++; // its value
            }
        }

        return kept.ToArray();
    }
}
