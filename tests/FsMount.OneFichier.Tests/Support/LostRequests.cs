namespace FsMount.OneFichier.Tests.Support;

/// <summary>
/// Loses <paramref name="count"/> requests to one endpoint on the way out, after letting the first
/// <paramref name="passFirst"/> through: they never reach the emulator, and the client sees a connection reset,
/// which cannot tell it whether the service got them. The emulator's response-drop fault is the other half (the
/// request landed, its answer is lost).
/// </summary>
internal sealed class LostRequests(string endpoint, int count, int passFirst = 0) : DelegatingHandler
{
    private int _matched;

    /// <summary>The requests lost so far.</summary>
    public int Lost => Math.Clamp(Volatile.Read(ref _matched) - passFirst, 0, count);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath.EndsWith("/" + endpoint, StringComparison.Ordinal)
            && Interlocked.Increment(ref _matched) - passFirst is > 0 and var nth && nth <= count)
        {
            throw new HttpRequestException("connection reset while sending (lost by the test)", new IOException("Connection reset by peer"));
        }

        return base.SendAsync(request, cancellationToken);
    }
}
