namespace FsMount.Core.Tests.Fakes;

/// <summary>
/// The bytes of a fake file, a function of (file, position) with no period, so a byte served from
/// the wrong offset or the wrong file is caught.
/// </summary>
internal static class FakeContent
{
    public static byte At(string shortId, long position)
    {
        var x = (ulong)position ^ ((ulong)(uint)StringComparer.Ordinal.GetHashCode(shortId) << 40);
        x *= 0x9E3779B97F4A7C15UL;
        return (byte)(x >> 56);
    }

    public static byte[] Range(string shortId, long offset, int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = At(shortId, offset + i);
        }

        return bytes;
    }
}
