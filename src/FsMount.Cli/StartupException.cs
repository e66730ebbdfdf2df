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

    /// <summary>Runs a step of mounting; the platform adapter's refusal (<typeparamref name="TRefusal"/>, one line for the user) becomes a start-up failure with exit code 4.</summary>
    public static T FromMountStep<T, TRefusal>(Func<T> mountStep)
        where TRefusal : Exception
    {
        try
        {
            return mountStep();
        }
        catch (TRefusal refusal)
        {
            throw new StartupException(ExitCodes.MountFailed, refusal.Message, refusal);
        }
    }
}
