using System.Globalization;
using System.Text.Json;

namespace FsMount.Emulator.Wire;

/// <summary>
/// The JSON body of an API request, read leniently the way a PHP service would: numbers may come as numeric
/// strings, flags as 0/1, true/false or "0"/"1"; a missing body is an empty object.
/// </summary>
internal sealed class RequestBody
{
    private readonly JsonElement _root;

    private RequestBody(JsonElement root) => _root = root;

    public static RequestBody Empty { get; } = new(JsonDocument.Parse("{}").RootElement);

    public static RequestBody Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Trim(" \t\r\n"u8).IsEmpty)
        {
            return Empty;
        }

        try
        {
            var reader = new Utf8JsonReader(utf8);
            JsonElement root = JsonElement.ParseValue(ref reader);
            return root.ValueKind == JsonValueKind.Object ? new RequestBody(root) : throw new ApiException("the body must be a JSON object");
        }
        catch (JsonException exception)
        {
            throw new ApiException("the body is not valid JSON", exception);
        }
    }

    public bool Has(string name) => _root.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null;

    public long? GetInt64(string name)
    {
        if (!_root.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return ReadInt64(value) ?? throw new ApiException($"'{name}' must be an integer");
    }

    public string? GetString(string name)
    {
        if (!_root.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => throw new ApiException($"'{name}' must be a string"),
        };
    }

    public string RequireString(string name) => GetString(name) ?? throw new ApiException($"'{name}' is required");

    public bool GetFlag(string name)
    {
        if (!_root.TryGetProperty(name, out JsonElement value))
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False or JsonValueKind.Null => false,
            _ => (ReadInt64(value) ?? throw new ApiException($"'{name}' must be 0 or 1")) != 0,
        };
    }

    /// <summary>An array of URL strings (<c>["…"]</c>), as <c>mv</c>, <c>cp</c> and <c>chattr</c> take them.</summary>
    public IReadOnlyList<string> GetUrlList(string name)
    {
        JsonElement array = RequireArray(name);
        return array.EnumerateArray()
            .Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : throw new ApiException($"'{name}' must hold URL strings"))
            .ToList();
    }

    /// <summary>An array of objects (<c>[{"url": …}]</c>), as <c>rm</c> and <c>rename</c> take them.</summary>
    public IReadOnlyList<RequestBody> GetObjectList(string name)
    {
        JsonElement array = RequireArray(name);
        return array.EnumerateArray()
            .Select(item => item.ValueKind == JsonValueKind.Object ? new RequestBody(item) : throw new ApiException($"'{name}' must hold objects"))
            .ToList();
    }

    public RequestBody GetObject(string name) =>
        _root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Object
            ? new RequestBody(value)
            : throw new ApiException($"'{name}' must be an object");

    /// <summary>An optional array of strings; absent means empty.</summary>
    public IReadOnlyList<string> GetStringList(string name)
    {
        if (!_root.TryGetProperty(name, out JsonElement array) || array.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return array.ValueKind == JsonValueKind.Array && array.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String)
            ? array.EnumerateArray().Select(item => item.GetString()!).ToList()
            : throw new ApiException($"'{name}' must be an array of strings");
    }

    private JsonElement RequireArray(string name)
    {
        if (!_root.TryGetProperty(name, out JsonElement array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            throw new ApiException($"'{name}' must be a non-empty array");
        }

        return array;
    }

    private static long? ReadInt64(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out long number) => number,
        JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long number) => number,
        _ => null,
    };
}
