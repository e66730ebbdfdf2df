using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using FsMount.Emulator.Hosting;
using Microsoft.AspNetCore.Routing;

namespace FsMount.Emulator.Admin;

/// <summary>What the emulator has served since start (or the last reset), for tests to assert on.</summary>
internal sealed class EmulatorStats
{
    private readonly ConcurrentDictionary<string, EndpointCounters> _endpoints = new(StringComparer.Ordinal);
    private long _floodRejections;
    private long _bytesUploaded;
    private long _bytesDownloaded;
    private long _serverErrors;
    private long _resets;
    private long _droppedResponses;
    private long _abortedDownloads;

    public void RecordCall(HttpContext context) => Counters(context).AddCall();

    public void RecordKo(HttpContext context, int code)
    {
        Counters(context).AddKo(code);
        if (code is 374 or 412 or 38)
        {
            Interlocked.Increment(ref _floodRejections);
        }
    }

    public void AddUploaded(int bytes) => Interlocked.Add(ref _bytesUploaded, bytes);

    public void AddDownloaded(int bytes) => Interlocked.Add(ref _bytesDownloaded, bytes);

    public void AddServerError() => Interlocked.Increment(ref _serverErrors);

    public void AddReset() => Interlocked.Increment(ref _resets);

    public void AddDroppedResponse() => Interlocked.Increment(ref _droppedResponses);

    public void AddAbortedDownload() => Interlocked.Increment(ref _abortedDownloads);

    public void Reset()
    {
        _endpoints.Clear();
        Interlocked.Exchange(ref _floodRejections, 0);
        Interlocked.Exchange(ref _bytesUploaded, 0);
        Interlocked.Exchange(ref _bytesDownloaded, 0);
        Interlocked.Exchange(ref _serverErrors, 0);
        Interlocked.Exchange(ref _resets, 0);
        Interlocked.Exchange(ref _droppedResponses, 0);
        Interlocked.Exchange(ref _abortedDownloads, 0);
    }

    public JsonObject ToJson(IReadOnlyDictionary<string, DateTimeOffset> lockouts, DateTimeOffset now)
    {
        var endpoints = new JsonObject();
        foreach ((string path, EndpointCounters counters) in _endpoints.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var ko = new JsonObject();
            foreach ((int code, long count) in counters.KoByCode.OrderBy(pair => pair.Key))
            {
                ko[code.ToString(CultureInfo.InvariantCulture)] = count;
            }

            endpoints[path] = new JsonObject { ["calls"] = counters.Calls, ["ko"] = ko };
        }

        var locks = new JsonArray();
        foreach ((string caller, DateTimeOffset until) in lockouts)
        {
            locks.Add(new JsonObject { ["caller"] = caller, ["until"] = until.ToString("O", CultureInfo.InvariantCulture), ["remainingSeconds"] = (until - now).TotalSeconds });
        }

        return new JsonObject
        {
            ["endpoints"] = endpoints,
            ["floodRejections"] = Interlocked.Read(ref _floodRejections),
            ["bytesUploaded"] = Interlocked.Read(ref _bytesUploaded),
            ["bytesDownloaded"] = Interlocked.Read(ref _bytesDownloaded),
            ["serverErrors"] = Interlocked.Read(ref _serverErrors),
            ["connectionResets"] = Interlocked.Read(ref _resets),
            ["droppedResponses"] = Interlocked.Read(ref _droppedResponses),
            ["abortedDownloads"] = Interlocked.Read(ref _abortedDownloads),
            ["lockouts"] = locks,
        };
    }

    private EndpointCounters Counters(HttpContext context)
    {
        Endpoint? endpoint = context.GetEndpoint();
        string key = endpoint?.Metadata.GetMetadata<EndpointKindMetadata>()?.Kind == EndpointKind.Download
            ? "/{token}"
            : (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "/";
        return _endpoints.GetOrAdd(key, _ => new EndpointCounters());
    }
}
