namespace FsMount.Core.Vfs;

/// <summary>
/// A file system mounted by a platform adapter (FUSE on Linux, WinFsp on Windows) and served by this
/// process until it is unmounted.
/// </summary>
public interface IMountedVolume : IAsyncDisposable
{
    /// <summary>Where the file system is mounted, as the system names it.</summary>
    string MountPoint { get; }

    /// <summary>Completes once the mount is gone and every request to it was answered.</summary>
    Task Completion { get; }

    /// <summary>Removes the mount; <see cref="Completion"/> then completes. Safe to call more than once and from a signal handler.</summary>
    void Unmount();

    /// <summary>Unmounts on the system's termination signals instead of letting them end the process; dispose the result to stop.</summary>
    IDisposable UnmountOnTerminationSignals();
}
