using System.CommandLine;
using FsMount.Cli;
using FsMount.Cli.Commands;

var root = new RootCommand("fsmount: mount a 1fichier.com account as a file system")
{
    MountCommand.Create(),
    LoginCommand.Create(),
    UnmountCommand.Create(),
    StatusCommand.Create(),
    EmulatorCommand.Create(args),
    LinkCommand.Create(),
    InfoCommand.Create(),
    VerifyCommand.Create(),
    AboutCommand.Create(),
    RemoteUploadCommand.Create(),
};

// Settings such as --Kestrel:Certificates:Default:Path=FILE go to the emulator as they are, unparsed here.
var parsed = root.Parse(EmulatorCommand.WithoutConfigurationPaths(args));
if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
{
    await Console.Error.WriteLineAsync(UsageErrorLine.For(parsed));

    return ExitCodes.Usage;
}

// Signals are handled by the mount itself (SIGTERM/SIGINT unmount cleanly), not by the parser.
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
