using System.Net;
using System.Net.Sockets;

namespace FsMount.Testing;

/// <summary>
/// A plain HTTP server on 127.0.0.1 that serves fixed bodies by path (404 for any other), for tests
/// of the service's remote upload, which fetches a URL by itself. Counts the requests it answered.
/// </summary>
public sealed class LoopbackFileServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly IReadOnlyDictionary<string, byte[]> _files;
    private readonly Task _serving;
    private int _requests;

    private LoopbackFileServer(HttpListener listener, Uri baseUrl, IReadOnlyDictionary<string, byte[]> files)
    {
        _listener = listener;
        _files = files;
        BaseUrl = baseUrl;
        _serving = Task.Run(ServeAsync);
    }

    public Uri BaseUrl { get; }

    /// <summary>Requests answered so far, whatever their path.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Serves each body at its path (such as <c>/films/clip.mp4</c>).</summary>
    public static LoopbackFileServer Start(IReadOnlyDictionary<string, byte[]> files)
    {
        // HttpListener cannot bind port 0: take a port the system says is free (a race with other binders is retried).
        for (var attempt = 0; ; attempt++)
        {
            var baseUrl = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(baseUrl.AbsoluteUri);
            try
            {
                listener.Start();
                return new LoopbackFileServer(listener, baseUrl, files);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    public Uri UrlOf(string path) => new(BaseUrl, path.TrimStart('/'));

    public async ValueTask DisposeAsync()
    {
        // Close alone: after Stop, Close removes the prefixes a second time, and .NET's managed listener binds
        // the port again to do it, failing with "address already in use" when another test took the port.
        _listener.Close();
        try
        {
            await _serving;
        }
        catch (ObjectDisposedException)
        {
            // The listener closed under a pending GetContextAsync: the normal end of serving.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (HttpListenerException)
            {
                return;
            }

            Interlocked.Increment(ref _requests);
            using var response = context.Response;
            if (_files.TryGetValue(context.Request.Url!.AbsolutePath, out var body))
            {
                response.ContentLength64 = body.Length;
                await response.OutputStream.WriteAsync(body);
            }
            else
            {
                response.StatusCode = (int)HttpStatusCode.NotFound;
            }
        }
    }
}
