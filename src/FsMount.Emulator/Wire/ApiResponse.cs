using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsMount.Emulator.Admin;

namespace FsMount.Emulator.Wire;

/// <summary>A JSON answer of the API: OK bodies as given, KO bodies as the service's envelope.</summary>
internal sealed class ApiResponse : IResult
{
    private static readonly JsonSerializerOptions s_compact = new() { WriteIndented = false };
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    private readonly JsonNode _body;
    private readonly int _status;
    private readonly ApiError? _error;

    private ApiResponse(JsonNode body, int status, ApiError? error)
    {
        _body = body;
        _status = status;
        _error = error;
    }

    public static ApiResponse Ok(JsonNode body) => new(body, StatusCodes.Status200OK, null);

    public static ApiResponse Ko(ApiError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(new JsonObject { ["status"] = "KO", ["message"] = error.Message }, error.HttpStatus, error);
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (_error is not null)
        {
            httpContext.RequestServices.GetRequiredService<EmulatorStats>().RecordKo(httpContext, _error.Code);

            // Tells the response-drop fault that this call changed nothing, whatever its HTTP status (#312 is a 200).
            httpContext.Items[typeof(ApiError)] = _error;
        }

        bool pretty = httpContext.Items[typeof(RequestBody)] is RequestBody request && request.GetFlag("pretty");
        string json = _body.ToJsonString(pretty ? s_indented : s_compact);
        httpContext.Response.StatusCode = _status;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        httpContext.Response.ContentLength = Encoding.UTF8.GetByteCount(json);
        await httpContext.Response.WriteAsync(json, httpContext.RequestAborted);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{_status} {_error?.Message ?? "OK"}");
}
