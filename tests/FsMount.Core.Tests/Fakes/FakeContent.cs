namespace FsMount.Core.Tests.Fakes;

/// <summary>
/// The bytes of a fake file: a pseudo-random sequence whose period is a prime (so it never lines up
/// with power-of-two blocks or windows), shifted per file, so a byte served from the wrong offset or
/// the wrong file is caught. Served by copying slices, which keeps multi-MiB tests fast.
/// </summary>
internal static class FakeContent
{
    private const int Period = 1_000_003;
    private static readonly byte[] s_pattern = CreatePattern();

    public static byte[] Range(string shortId, long offset, int length)
    {
        var bytes = new byte[length];
        Fill(shortId, offset, bytes);
        return bytes;
    }

    public static void Fill(string shortId, long offset, Span<byte> destination)
    {
        var index = (int)((offset + ShiftOf(shortId)) % Period);
        while (!destination.IsEmpty)
        {
            var count = Math.Min(destination.Length, Period - index);
            s_pattern.AsSpan(index, count).CopyTo(destination);
            destination = destination[count..];
            index = 0;
        }
    }

    private static long ShiftOf(string shortId) => (uint)StringComparer.Ordinal.GetHashCode(shortId) % Period;

    private static byte[] CreatePattern()
    {
        var pattern = new byte[Period];
        new Random(20240501).NextBytes(pattern);
        return pattern;
    }
}
