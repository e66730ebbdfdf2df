using System.Net;
using System.Net.Sockets;

namespace FsMount.Emulator.Remote;

/// <summary>
/// The only way the emulator reaches out: GET requests to loopback addresses. A URL is refused up front
/// unless its host is a loopback address or <c>localhost</c>, and every connection is made only to the
/// loopback addresses its host name resolves to, so neither a name that resolves elsewhere nor a redirect
/// can make the emulator fetch from the network. No proxy is used (one would forward the request out).
/// </summary>
internal sealed class LoopbackFetcher : IDisposable
{
    private readonly HttpClient _http;

    public LoopbackFetcher()
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            ConnectCallback = ConnectToLoopbackAsync,
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Whether the emulator would fetch <paramref name="url"/>: http or https on a loopback host.</summary>
    public static bool IsAllowed(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsAbsoluteUri
            && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            && (string.Equals(url.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase)
                || (IPAddress.TryParse(url.IdnHost, out IPAddress? address) && IPAddress.IsLoopback(address)));
    }

    /// <summary>Sends a GET and returns once the headers arrived; the caller reads and disposes the answer.</summary>
    public async Task<HttpResponseMessage> GetAsync(Uri url, IReadOnlyList<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        if (!IsAllowed(url))
        {
            throw new HttpRequestException($"{url} is not a loopback URL");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach ((string name, string value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private static async ValueTask<Stream> ConnectToLoopbackAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        IPAddress[] resolved = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        IPAddress[] loopback = resolved.Where(IPAddress.IsLoopback).ToArray();
        if (loopback.Length == 0)
        {
            throw new HttpRequestException($"{context.DnsEndPoint.Host} does not resolve to a loopback address");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(loopback, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
