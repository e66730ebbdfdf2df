namespace FsMount.OneFichier.Tests.Support;

/// <summary>Records each report as it is made (<see cref="Progress{T}"/> would post them later, out of order).</summary>
internal sealed class SynchronousProgress(List<long> values) : IProgress<long>
{
    public void Report(long value) => values.Add(value);
}
