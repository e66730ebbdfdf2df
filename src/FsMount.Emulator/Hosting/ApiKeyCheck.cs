using System.Security.Cryptography;
using System.Text;

namespace FsMount.Emulator.Hosting;

/// <summary>Checks the <c>Authorization: Bearer</c> header against the account's key, in constant time.</summary>
internal sealed class ApiKeyCheck
{
    private readonly byte[] _key;

    public ApiKeyCheck(string apiKey) => _key = Encoding.UTF8.GetBytes(apiKey);

    public bool IsAuthorized(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        const string Scheme = "Bearer ";
        if (header is null || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] presented = Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(presented, _key);
    }
}
