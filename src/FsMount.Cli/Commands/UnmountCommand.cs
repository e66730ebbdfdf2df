using System.CommandLine;
using FsMount.Fuse;

namespace FsMount.Cli.Commands;

/// <summary>
/// <c>fsmount unmount MOUNTPOINT</c>: ends an fsmount mount from anywhere, the way <c>umount</c> does
/// for root and <c>fusermount3 -u</c> for its user, and also clears a mount whose process died.
/// </summary>
internal static class UnmountCommand
{
    public static Command Create()
    {
        var mountPoint = new Argument<string>("mountpoint") { Description = "Where the account is mounted" };
        var command = new Command("unmount", "Unmount an fsmount mount (the mount uploads what is still staged, then exits); also clears a dead one") { mountPoint };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetRequiredValue(mountPoint);
            try
            {
                FuseMount.UnmountExisting(path);
                await Console.Out.WriteLineAsync($"fsmount: unmounted {Path.GetFullPath(path)}");
                return ExitCodes.Success;
            }
            catch (FuseMountException failure)
            {
                await Console.Error.WriteLineAsync($"fsmount: {failure.Message}");
                return ExitCodes.MountFailed;
            }
        });
        return command;
    }
}
