using System.CommandLine;
using FsMount.Emulator.Hashing;

namespace FsMount.Cli.Commands;

/// <summary>
/// <c>fsmount verify LOCAL MOUNTED_PATH</c>: whether a local file has the content of a file on the
/// service, by comparing the local file's Whirlpool with the checksum the service keeps (the mounted
/// file's <c>user.fichier.whirlpool</c>): nothing is downloaded and no API call is made. Exit 0 when
/// they match, 1 when they differ, 2 when they cannot be compared.
/// </summary>
internal static class VerifyCommand
{
    private const int ReadSize = 1024 * 1024;

    public static Command Create()
    {
        var local = new Argument<string>("local") { Description = "A local file" };
        var mounted = new Argument<string>("mounted-path") { Description = "A file on a running fsmount mount" };
        var command = new Command("verify", "Compare a local file with a file on the service by their Whirlpool checksums, without downloading (exit 0 same, 1 different, 2 not compared)") { local, mounted };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var localPath = parseResult.GetRequiredValue(local);
            var mountedPath = parseResult.GetRequiredValue(mounted);
            string remoteWhirlpool;
            try
            {
                remoteWhirlpool = MountedFile.Read(mountedPath).Whirlpool
                    ?? throw new MountedFileException($"fsmount: {mountedPath} has no checksum yet: its upload is still pending (try again once it is uploaded)");
            }
            catch (MountedFileException refusal)
            {
                await Console.Error.WriteLineAsync(refusal.Message.AsMemory(), cancellationToken);
                return ExitCodes.Usage;
            }

            if (!File.Exists(localPath))
            {
                await Console.Error.WriteLineAsync($"fsmount: {localPath} does not exist or is not a file".AsMemory(), cancellationToken);
                return ExitCodes.Usage;
            }

            string localWhirlpool;
            try
            {
                localWhirlpool = await WhirlpoolOfAsync(localPath, cancellationToken);
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
            {
                // Not compared is exit 2: a script reads 1 as "the file differs".
                await Console.Error.WriteLineAsync($"fsmount: cannot read {localPath}: {failure.Message}".AsMemory(), cancellationToken);
                return ExitCodes.Usage;
            }

            if (string.Equals(localWhirlpool, remoteWhirlpool, StringComparison.OrdinalIgnoreCase))
            {
                await Console.Out.WriteLineAsync($"same: {localPath} and {mountedPath} have Whirlpool {localWhirlpool}".AsMemory(), cancellationToken);
                return ExitCodes.Success;
            }

            await Console.Out.WriteLineAsync($"different: {localPath} has Whirlpool {localWhirlpool}, the service has {remoteWhirlpool} for {mountedPath}".AsMemory(), cancellationToken);
            return ExitCodes.Failure;
        });
        return command;
    }

    private static async Task<string> WhirlpoolOfAsync(string path, CancellationToken cancellationToken)
    {
        var hasher = new WhirlpoolHasher();
        var buffer = new byte[ReadSize];
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan | FileOptions.Asynchronous);
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hasher.Append(buffer.AsSpan(0, read));
        }

        var hash = new byte[WhirlpoolHasher.HashSizeInBytes];
        hasher.Finish(hash);
        return Convert.ToHexStringLower(hash);
    }
}
