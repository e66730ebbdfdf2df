namespace FsMount.Cli;

/// <summary>Process exit codes, one per kind of failure, so scripts can tell them apart.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int RemoteRefused = 3;
    public const int MountFailed = 4;

    /// <summary>Unmounted cleanly, but uploads were still pending at the flush time-out; they resume at the next mount.</summary>
    public const int UploadsPending = 5;

    /// <summary>Ctrl-C or SIGTERM before the mount was ready: nothing was mounted. 130 is the shell's code for a SIGINT.</summary>
    public const int Interrupted = 130;
}
