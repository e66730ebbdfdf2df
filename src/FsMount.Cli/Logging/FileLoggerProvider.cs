using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FsMount.Cli.Logging;

/// <summary>
/// <c>--log-file</c>: appends every event logged to a file, one timestamped line each. The file is
/// created readable and writable by its owner only, since paths and names of files in the account
/// are in it.
/// </summary>
internal sealed class FileLoggerProvider : ILoggerProvider
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly StreamWriter _writer;
    private readonly ConcurrentDictionary<string, FileLogger> _loggers = new(StringComparer.Ordinal);

    private FileLoggerProvider(StreamWriter writer)
    {
        _writer = writer;
    }

    /// <summary>Opens (or creates) <paramref name="path"/> for appending; a path that cannot be written is a start-up failure.</summary>
    public static FileLoggerProvider Open(string path)
    {
        try
        {
            // As for the cache folder: a log file in ~/.local/state should not need a mkdir first.
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly;
            }

            var stream = new FileStream(path, options);
            if (!OperatingSystem.IsWindows())
            {
                // A file made before (by hand, by logrotate) keeps its mode on open; the log names the account's files.
                File.SetUnixFileMode(stream.SafeFileHandle, OwnerOnly);
            }

            return new FileLoggerProvider(new StreamWriter(stream) { AutoFlush = true });
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            throw new StartupException(ExitCodes.Usage, $"cannot write the log file {path}: {failure.Message}", failure);
        }
    }

    public ILogger CreateLogger(string categoryName) =>
        _loggers.GetOrAdd(categoryName, name => new FileLogger(name, WriteLine));

    public void Dispose()
    {
        lock (_writer)
        {
            _writer.Dispose();
        }
    }

    private void WriteLine(string line)
    {
        lock (_writer)
        {
            _writer.WriteLine(line);
        }
    }
}
