using System.CommandLine;
using FsMount.Cli.Commands;

var root = new RootCommand("fsmount: mount a 1fichier.com account as a file system")
{
    MountCommand.Create(),
    EmulatorCommand.Create(args),
};

// Signals are handled by the mount itself (SIGTERM/SIGINT unmount cleanly), not by the parser.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
return await root.Parse(args).InvokeAsync(invocation);
