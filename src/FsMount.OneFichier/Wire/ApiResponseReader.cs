using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FsMount.OneFichier.Errors;

namespace FsMount.OneFichier.Wire;

/// <summary>
/// Turns an HTTP answer into a typed result or a <see cref="OneFichierException"/>: non-2xx is an
/// error (its JSON message read when there is one), and so is a 2xx whose <c>status</c> is KO in any
/// letter case (docs/onefichier-api.md 2.2).
/// </summary>
internal static class ApiResponseReader
{
    public static T Read<T>(HttpStatusCode status, byte[] body, JsonTypeInfo<T> typeInfo)
    {
        ThrowIfError(status, body);
        try
        {
            return JsonSerializer.Deserialize(body, typeInfo)
                ?? throw new OneFichierException("the answer is empty", OneFichierFailureKind.Transient, status);
        }
        catch (JsonException e)
        {
            throw new OneFichierException("the answer is not the expected JSON", OneFichierFailureKind.Transient, status, e);
        }
    }

    public static void ThrowIfError(HttpStatusCode status, byte[] body)
    {
        var envelope = TryReadEnvelope(body);
        var success = (int)status is >= 200 and < 300;
        if (success && !string.Equals(envelope?.Status, "KO", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var message = envelope?.Message;
        if (string.IsNullOrWhiteSpace(message))
        {
            message = success ? "the service answered KO without a message" : $"HTTP {(int)status} {status}";
        }

        // A KO, whatever its status, is the service's refusal; so is any other 4xx. A 5xx page may come from a proxy
        // after the service did the work.
        var refused = string.Equals(envelope?.Status, "KO", StringComparison.OrdinalIgnoreCase) || (int)status < 500;
        throw new OneFichierException(message, status, null, refused);
    }

    public static bool LooksLikeJson(byte[] body)
    {
        foreach (var b in body)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF)
            {
                continue;
            }

            return b is (byte)'{' or (byte)'[';
        }

        return false;
    }

    private static ApiEnvelope? TryReadEnvelope(byte[] body)
    {
        if (!LooksLikeJson(body) || body.AsSpan().TrimStart(" \t\r\n"u8).StartsWith("["u8))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, OneFichierJsonContext.Default.ApiEnvelope);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
