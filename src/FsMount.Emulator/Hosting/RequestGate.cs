using FsMount.Emulator.Admin;
using FsMount.Emulator.Faults;
using FsMount.Emulator.Limits;
using FsMount.Emulator.Wire;
using Microsoft.AspNetCore.Http.Features;

namespace FsMount.Emulator.Hosting;

/// <summary>
/// Middleware in front of every service endpoint: counts the call, applies latency and 5xx faults, then the
/// flood guard, the key and the JSON body for API calls, runs the endpoint under the response-drop fault, and
/// turns <see cref="ApiException"/> into a KO answer.
/// </summary>
internal sealed class RequestGate
{
    private const int MaxJsonBody = 1024 * 1024;

    private readonly EmulatorStats _stats;
    private readonly FaultPlan _faults;
    private readonly FloodGuard _flood;
    private readonly ApiKeyCheck _keyCheck;
    private readonly ResponseDropper _dropper;
    private readonly EmulatorOptions _options;
    private readonly ILogger<RequestGate> _logger;

    public RequestGate(
        EmulatorStats stats,
        FaultPlan faults,
        FloodGuard flood,
        ApiKeyCheck keyCheck,
        ResponseDropper dropper,
        EmulatorOptions options,
        ILogger<RequestGate> logger)
    {
        _stats = stats;
        _faults = faults;
        _flood = flood;
        _keyCheck = keyCheck;
        _dropper = dropper;
        _options = options;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetEndpoint()?.Metadata.GetMetadata<EndpointKindMetadata>() is not { } metadata)
        {
            await next(context);
            return;
        }

        _stats.RecordCall(context);
        EmulatorFaults faults = _faults.Current;
        if (faults.Latency > TimeSpan.Zero)
        {
            await Task.Delay(faults.Latency, context.RequestAborted);
        }

        if (_faults.Roll(faults.ServerErrorRate))
        {
            _stats.AddServerError();
            Log.InjectedServerError(_logger, context.Request.Path);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>", context.RequestAborted);
            return;
        }

        try
        {
            ApiError? refusal = await AdmitAsync(context, metadata.Kind);
            if (refusal is not null)
            {
                await ApiResponse.Ko(refusal).ExecuteAsync(context);
                return;
            }

            await _dropper.InvokeAsync(context, next);
        }
        catch (ApiException exception) when (!context.Response.HasStarted)
        {
            await ApiResponse.Ko(exception.Error).ExecuteAsync(context);
        }
    }

    private async Task<ApiError?> AdmitAsync(HttpContext context, EndpointKind kind)
    {
        if (kind == EndpointKind.Download)
        {
            return null;
        }

        if (kind == EndpointKind.Api)
        {
            string caller = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            if (_flood.Admit(caller) is { } flood)
            {
                Log.FloodRefused(_logger, caller, context.Request.Path);
                return flood;
            }
        }

        if (!_keyCheck.IsAuthorized(context.Request))
        {
            return ApiError.NoSuchUser;
        }

        if (kind == EndpointKind.Api)
        {
            context.Items[typeof(RequestBody)] = await ReadBodyAsync(context);
        }

        return null;
    }

    private async Task<RequestBody> ReadBodyAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        if (_options.RequireJsonContentType && !(request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            throw new ApiException("Content-Type must be application/json");
        }

        if (request.ContentLength > MaxJsonBody)
        {
            throw new ApiException("the body is too large");
        }

        context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize = MaxJsonBody;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        return RequestBody.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }
}
