using System.Runtime.InteropServices;

namespace FsMount.Fuse;

/// <summary>Several signal registrations released together.</summary>
internal sealed class SignalRegistrations(params PosixSignalRegistration[] registrations) : IDisposable
{
    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }
    }
}
