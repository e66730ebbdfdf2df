using FsMount.Emulator.Admin;
using FsMount.Emulator.Wire;
using Microsoft.AspNetCore.Http.Features;

namespace FsMount.Emulator.Faults;

/// <summary>
/// Runs a mutating call with its answer held back, then sends the answer or, by
/// <see cref="EmulatorFaults.DropResponseRate"/>, aborts the connection instead: the change is committed and the
/// client never hears of it, as when a response is lost on the way back.
/// </summary>
internal sealed class ResponseDropper(FaultPlan plan, EmulatorStats stats, ILogger<ResponseDropper> logger)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        EmulatorFaults faults = plan.Current;
        if (faults.DropResponseRate <= 0 || DroppableEndpoints.NameOf(context) is not { } endpoint
            || (faults.DropResponseEndpoints.Count > 0 && !faults.DropResponseEndpoints.Contains(endpoint, StringComparer.Ordinal)))
        {
            await next(context);
            return;
        }

        // The answer goes to memory first (answers of these endpoints are small), so nothing reaches the wire
        // before the roll; Kestrel has not started the response when the connection is aborted.
        IHttpResponseBodyFeature wire = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        using var held = new MemoryStream();
        var holding = new StreamResponseBodyFeature(held, wire);
        context.Features.Set<IHttpResponseBodyFeature>(holding);
        try
        {
            await next(context);
            await holding.CompleteAsync();
        }
        finally
        {
            context.Features.Set(wire);
        }

        if (Committed(context) && plan.Roll(faults.DropResponseRate))
        {
            stats.AddDroppedResponse();
            Log.InjectedDroppedResponse(logger, context.Request.Path);
            context.Abort();
            return;
        }

        held.Position = 0;
        await held.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    // A success (upload.cgi's is a 302). A KO, whatever its HTTP status, changed nothing and is always answered.
    private static bool Committed(HttpContext context) =>
        !context.RequestAborted.IsCancellationRequested
        && context.Response.StatusCode is >= 200 and < 400
        && !context.Items.ContainsKey(typeof(ApiError));
}
