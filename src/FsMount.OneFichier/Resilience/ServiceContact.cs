namespace FsMount.OneFichier.Resilience;

/// <summary>
/// Whether the service has answered this client yet, or its start is over. Until then, a failure to
/// connect (no such host, connection refused, TLS refused) most likely means a wrong URL, a
/// certificate the machine does not trust, or no network, which someone starting a mount must hear
/// about within seconds, not after minutes of retries. After, the same failure is a blip and is
/// retried: a mount started from saved listings may make its first call long after its start.
/// </summary>
internal sealed class ServiceContact
{
    /// <summary>Retries of a failure to connect before the service has ever answered: a few seconds of back-off.</summary>
    public const int RetriesBeforeFirstAnswer = 2;

    private volatile bool _answered;

    public bool HasAnswered => _answered;

    public void Answered() => _answered = true;

    /// <summary>Whether the request never reached the service: its name, its port or its TLS handshake failed.</summary>
    public static bool IsConnectFailure(Exception exception) =>
        exception is HttpRequestException
        {
            HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError,
        };
}
