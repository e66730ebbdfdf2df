using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using FsMount.OneFichier.Errors;

namespace FsMount.OneFichier;

/// <summary>
/// An error answered by 1fichier (a KO envelope or a non-2xx status), or a call that could not reach
/// it after every retry. Carries the service's numeric code (the <c>#NNN</c> at the end of its
/// message) and its message, never the request's credentials.
/// </summary>
public sealed partial class OneFichierException : Exception
{
    public OneFichierException(string serviceMessage, HttpStatusCode? httpStatus, Exception? innerException = null)
        : this(serviceMessage, httpStatus, innerException, refused: null)
    {
    }

    /// <summary>An answer of the service; <paramref name="refused"/> when it is known to be a refusal (a KO envelope) or not.</summary>
    internal OneFichierException(string serviceMessage, HttpStatusCode? httpStatus, Exception? innerException, bool? refused)
        : base(Describe(serviceMessage, httpStatus), innerException)
    {
        ServiceMessage = serviceMessage;
        HttpStatus = httpStatus;
        ErrorCode = ParseCode(serviceMessage);
        Kind = OneFichierFailureClassifier.Classify(ErrorCode, httpStatus, serviceMessage);
        MayHaveTakenEffect = refused is { } known ? !known : OneFichierFailureClassifier.MayHaveTakenEffect(ErrorCode, httpStatus, Kind, innerException);
    }

    /// <summary>
    /// A failure whose meaning is known without a service answer (network, unreadable answer), or whose effect is
    /// known from elsewhere (<paramref name="mayHaveTakenEffect"/>; by default judged from the status and the cause).
    /// </summary>
    internal OneFichierException(
        string message,
        OneFichierFailureKind kind,
        HttpStatusCode? httpStatus = null,
        Exception? innerException = null,
        bool? mayHaveTakenEffect = null)
        : base(Describe(message, httpStatus), innerException)
    {
        ServiceMessage = message;
        HttpStatus = httpStatus;
        Kind = kind;
        MayHaveTakenEffect = mayHaveTakenEffect ?? OneFichierFailureClassifier.MayHaveTakenEffect(null, httpStatus, kind, innerException);
    }

    public OneFichierException()
        : this("unknown 1fichier error", (HttpStatusCode?)null)
    {
    }

    public OneFichierException(string message)
        : this(message, (HttpStatusCode?)null)
    {
    }

    public OneFichierException(string message, Exception innerException)
        : this(message, null, innerException)
    {
    }

    /// <summary>The service's code (e.g. 374 for a flood), when its message carries one.</summary>
    public int? ErrorCode { get; }

    /// <summary>The service's own message, e.g. <c>Resource not found #469</c>.</summary>
    public string ServiceMessage { get; }

    /// <summary>The HTTP status of the answer, when there was one.</summary>
    public HttpStatusCode? HttpStatus { get; }

    /// <summary>What the failure means for retrying.</summary>
    public OneFichierFailureKind Kind { get; }

    /// <summary>
    /// Whether the call may have taken effect although it failed (its answer was lost, or says nothing): then a call
    /// that creates something must not be sent again before checking what the first one did.
    /// </summary>
    public bool MayHaveTakenEffect { get; }

    internal static int? ParseCode(string? message)
    {
        if (message is null)
        {
            return null;
        }

        var match = CodePattern().Match(message);
        return match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            ? code
            : null;
    }

    private static string Describe(string serviceMessage, HttpStatusCode? httpStatus) => httpStatus is { } status
        ? $"1fichier: {serviceMessage} (HTTP {(int)status})"
        : $"1fichier: {serviceMessage}";

    // The last "#digits" of the message; rclone's first parser kept the '#' and broke (commit 20c9e0cab).
    [GeneratedRegex(@"#(\d+)(?!.*#\d)", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
