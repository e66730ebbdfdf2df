using System.Collections.Concurrent;

namespace FsMount.Emulator.Admin;

/// <summary>Calls of one endpoint and its KO answers by error code.</summary>
internal sealed class EndpointCounters
{
    private long _calls;

    public long Calls => Interlocked.Read(ref _calls);

    public ConcurrentDictionary<int, long> KoByCode { get; } = new();

    public void AddCall() => Interlocked.Increment(ref _calls);

    public void AddKo(int code) => KoByCode.AddOrUpdate(code, 1, (_, count) => count + 1);
}
