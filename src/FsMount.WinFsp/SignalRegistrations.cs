using System.Runtime.InteropServices;

namespace FsMount.WinFsp;

/// <summary>The console signals (Ctrl-C, Ctrl-Break, closing the window) that unmount, released together.</summary>
internal sealed class SignalRegistrations(PosixSignalRegistration[] registrations) : IDisposable
{
    public void Dispose() => Array.ForEach(registrations, registration => registration.Dispose());
}
