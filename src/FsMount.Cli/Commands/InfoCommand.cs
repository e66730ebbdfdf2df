using System.CommandLine;
using System.Globalization;

namespace FsMount.Cli.Commands;

/// <summary>
/// <c>fsmount info PATH</c>: what the mount and the service know of a file (size, dates, content type,
/// Whirlpool, link), read from the mounted file and its extended attributes (no API call).
/// </summary>
internal static class InfoCommand
{
    private const string NotUploaded = "(not uploaded yet)";

    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A file on a running fsmount mount" };
        var command = new Command("info", "Print a mounted file's size, dates, content type, Whirlpool checksum and link") { path };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            MountedFile file;
            try
            {
                file = MountedFile.Read(parseResult.GetRequiredValue(path));
            }
            catch (MountedFileException refusal)
            {
                await Console.Error.WriteLineAsync(refusal.Message.AsMemory(), cancellationToken);
                return ExitCodes.Failure;
            }

            await Console.Out.WriteAsync(Describe(file).AsMemory(), cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Describe(MountedFile file) => string.Create(CultureInfo.InvariantCulture, $"""
        path:          {file.Path}
        size:          {file.Size} bytes
        modified:      {file.Modified:yyyy-MM-dd'T'HH:mm:sszzz}
        uploaded:      {file.Uploaded ?? NotUploaded}
        content type:  {file.ContentType ?? (file.Link is null ? NotUploaded : "(not known yet: the folder's next listing gives it)")}
        whirlpool:     {file.Whirlpool ?? NotUploaded}
        link:          {file.Link ?? NotUploaded}

        """);
}
