using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FsMount.Emulator.Tests.TestSupport;

/// <summary>An API answer as a client sees it: the HTTP status and the JSON body.</summary>
internal sealed partial record ApiAnswer(HttpStatusCode HttpStatus, JsonElement Json)
{
    public string? Status => Json.TryGetProperty("status", out JsonElement status) ? status.GetString() : null;

    public string? Message => Json.TryGetProperty("message", out JsonElement message) ? message.GetString() : null;

    /// <summary>The trailing <c>#code</c> of a KO message.</summary>
    public int? Code => Message is { } message && CodePattern().Match(message) is { Success: true } match
        ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
        : null;

    public JsonElement this[string name] => Json.GetProperty(name);

    public void AssertOk()
    {
        Assert.True(HttpStatus == HttpStatusCode.OK && Status is "OK" or null, $"expected OK, got {(int)HttpStatus} {Json}");
    }

    public void AssertKo(HttpStatusCode httpStatus, int code)
    {
        Assert.Equal("KO", Status);
        Assert.Equal(code, Code);
        Assert.Equal(httpStatus, HttpStatus);
    }

    [GeneratedRegex(@"#(\d+)$")]
    private static partial Regex CodePattern();
}
