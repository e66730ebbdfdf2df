namespace FsMount.Cli;

/// <summary>
/// A start-up check that failed before anything was mounted. The message is the one line the user
/// sees on stderr; it never contains the API key.
/// </summary>
internal sealed class StartupException : Exception
{
    public StartupException(int exitCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }
}
