using System.CommandLine;

namespace FsMount.Cli.Commands;

/// <summary>
/// <c>fsmount link PATH...</c>: the permanent links of files on a running mount, read from the
/// mount's extended attributes (no API call). One path prints its link alone, so
/// <c>$(fsmount link f)</c> is the link; several print <c>PATH&lt;TAB&gt;LINK</c> lines.
/// </summary>
internal static class LinkCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("path") { Description = "Files on a running fsmount mount", Arity = ArgumentArity.OneOrMore };
        var command = new Command("link", "Print the permanent download links of files on a mount") { paths };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var given = parseResult.GetRequiredValue(paths);
            var exitCode = ExitCodes.Success;
            foreach (var path in given)
            {
                var line = LineFor(path, given.Length > 1);
                if (line.IsError)
                {
                    exitCode = ExitCodes.Failure;
                    await Console.Error.WriteLineAsync(line.Text.AsMemory(), cancellationToken);
                }
                else
                {
                    await Console.Out.WriteLineAsync(line.Text.AsMemory(), cancellationToken);
                }
            }

            return exitCode;
        });
        return command;
    }

    private static (string Text, bool IsError) LineFor(string path, bool withPath)
    {
        try
        {
            var file = MountedFile.Read(path);
            return file.Link is null
                ? ($"fsmount: {path} has no link yet: its upload is still pending (try again once it is uploaded)", true)
                : (withPath ? $"{path}\t{file.Link}" : file.Link, false);
        }
        catch (MountedFileException refusal)
        {
            return (refusal.Message, true);
        }
    }
}
