using Polly.Timeout;

namespace FsMount.OneFichier.Errors;

/// <summary>
/// The reason a call failed, as one line for a log: what the service said, or the exception's own
/// message with its cause's (a TLS failure's message only says "see inner exception"). Never the
/// stack trace, and never the request, which carries the key and token URLs.
/// </summary>
internal static class FailureReason
{
    public static string Of(Exception? exception) => exception switch
    {
        null => "no exception",
        OneFichierException e => e.ServiceMessage,
        TimeoutRejectedException => "attempt timed out",
        { InnerException: { } cause } when !exception.Message.Contains(cause.Message, StringComparison.Ordinal) =>
            OneLine($"{exception.Message.Replace(", see inner exception", "", StringComparison.Ordinal).TrimEnd('.')}: {cause.Message}"),
        _ => OneLine(exception.Message),
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
