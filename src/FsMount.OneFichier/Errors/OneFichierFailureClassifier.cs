using System.Net;
using Polly.RateLimiting;
using Polly.Timeout;

namespace FsMount.OneFichier.Errors;

/// <summary>
/// The one place that decides whether a failure is transient, a flood lock-out or permanent, in the
/// spirit of Npgsql's <c>PostgresException.IsTransient</c>.
/// </summary>
public static class OneFichierFailureClassifier
{
    /// <summary>Classifies a service error from its code, then its message, then its HTTP status.</summary>
    public static OneFichierFailureKind Classify(int? errorCode, HttpStatusCode? httpStatus, string? message)
    {
        switch (errorCode)
        {
            case OneFichierErrorCodes.FloodUserInfo:
                return OneFichierFailureKind.Rationed;
            case OneFichierErrorCodes.FloodIpLocked
                or OneFichierErrorCodes.FloodDetected
                or OneFichierErrorCodes.FloodUserLocked
                or OneFichierErrorCodes.OneLocationAtATime:
                return OneFichierFailureKind.Flood;
            case not null:
                // Every other coded answer (#93, #186, #200, #312, #469, #620, #631, #913 and codes we
                // do not know) is a statement about the request or the account: retrying repeats it.
                return OneFichierFailureKind.Permanent;
        }

        if (message is not null && message.Contains("flood", StringComparison.OrdinalIgnoreCase))
        {
            return OneFichierFailureKind.Flood;
        }

        return httpStatus switch
        {
            HttpStatusCode.TooManyRequests => OneFichierFailureKind.Flood,
            HttpStatusCode.RequestTimeout => OneFichierFailureKind.Transient,
            >= HttpStatusCode.InternalServerError => OneFichierFailureKind.Transient,
            _ => OneFichierFailureKind.Permanent,
        };
    }

    /// <summary>
    /// Whether a failed call may still have taken effect on the service, judged from its answer: a KO answer, a
    /// flood refusal and any other 4xx say it did not; a 5xx page or a 2xx that could not be read say nothing; with
    /// no answer at all, it depends on whether the request left (<see cref="MayHaveTakenEffect(Exception)"/>).
    /// </summary>
    public static bool MayHaveTakenEffect(int? errorCode, HttpStatusCode? httpStatus, OneFichierFailureKind kind, Exception? cause)
    {
        if (errorCode is not null || kind == OneFichierFailureKind.Flood)
        {
            return false;
        }

        if (httpStatus is { } status)
        {
            return (int)status is >= 500 or (>= 200 and < 300);
        }

        return cause is null || MayHaveTakenEffect(cause);
    }

    /// <summary>
    /// Whether a call that threw this may still have taken effect: false only when the service refused it or the
    /// request certainly never left (no name resolution, no connection, no TLS session, no rate token). A reset or
    /// a time-out after the request was sent may have come after the service did the work.
    /// </summary>
    public static bool MayHaveTakenEffect(Exception failure) => failure switch
    {
        OneFichierException e => e.MayHaveTakenEffect,
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError } => false,
        RateLimiterRejectedException => false,
        _ => true,
    };

    /// <summary>Classifies anything a call can throw; <see langword="null"/> for caller cancellation.</summary>
    public static OneFichierFailureKind? Classify(Exception exception, CancellationToken callerToken) => exception switch
    {
        OneFichierException e => e.Kind,
        OperationCanceledException when callerToken.IsCancellationRequested => null,
        TimeoutRejectedException or HttpRequestException or IOException or OperationCanceledException => OneFichierFailureKind.Transient,
        RateLimiterRejectedException => OneFichierFailureKind.Transient,
        _ => OneFichierFailureKind.Permanent,
    };
}
