using System.Runtime.InteropServices;

namespace FsMount.Cli;

/// <summary>
/// SIGINT and SIGTERM while the mount is starting (the emulator, the first listing): they cancel
/// the start-up instead of ending the process, so it can say in one line that nothing was mounted
/// and clean up. Dispose it once the mount's own handlers (which unmount) are in place.
/// </summary>
internal sealed class StartupInterruption : IDisposable
{
    public const string Message = "interrupted before the mount was ready; nothing was mounted";

    private readonly CancellationTokenSource _interrupted;
    private readonly PosixSignalRegistration _term;
    private readonly PosixSignalRegistration _interrupt;

    public StartupInterruption(CancellationToken cancellationToken)
    {
        _interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
    }

    /// <summary>Cancelled by a signal (or by the caller's token).</summary>
    public CancellationToken Token => _interrupted.Token;

    public bool IsRequested => _interrupted.IsCancellationRequested;

    public void Dispose()
    {
        _term.Dispose();
        _interrupt.Dispose();
        _interrupted.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        try
        {
            _interrupted.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // A signal racing with Dispose: the mount's own handlers have it by now.
        }
    }
}
