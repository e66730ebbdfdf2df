using System.Net;
using System.Net.Sockets;

namespace FsMount.Testing;

/// <summary>Ports on 127.0.0.1 for servers a test starts itself.</summary>
public static class LoopbackPort
{
    /// <summary>A port free at this moment (another process may still take it before the test binds it).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
