using System.Net.Http.Headers;

namespace FsMount.OneFichier;

/// <summary>
/// The account's API key. It leaves this object only as an <c>Authorization: Bearer</c> header; it is
/// never part of a log line, an exception message or <see cref="ToString"/>.
/// </summary>
public sealed class OneFichierCredentials
{
    private readonly string _apiKey;

    public OneFichierCredentials(string apiKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        if (apiKey.Any(char.IsWhiteSpace))
        {
            // Deliberately without the value: the key must not reach an exception message.
            throw new ArgumentException("The API key must not contain white space.", nameof(apiKey));
        }

        _apiKey = apiKey;
    }

    internal AuthenticationHeaderValue ToAuthorizationHeader() => new("Bearer", _apiKey);

    public override string ToString() => "OneFichierCredentials(***)";
}
