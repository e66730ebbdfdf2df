using FsMount.Emulator.Endpoints;

namespace FsMount.Emulator.Hashing;

/// <summary>Copies an incoming file body to its temp blob while hashing it, as every way a file arrives (upload, remote upload) stores it.</summary>
internal static class HashingCopy
{
    private const int BufferSize = 81920;

    /// <summary>The size and lower-case Whirlpool of what was copied.</summary>
    /// <exception cref="UploadTooLargeException">The body is longer than <paramref name="maxFileSize"/>.</exception>
    public static async Task<(long Size, string Checksum)> CopyAsync(Stream source, Stream target, long maxFileSize, CancellationToken cancellationToken)
    {
        var hasher = new WhirlpoolHasher();
        byte[] buffer = new byte[BufferSize];
        long size = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            size += read;
            if (size > maxFileSize)
            {
                throw new UploadTooLargeException("File too large");
            }

            hasher.Append(buffer.AsSpan(0, read));
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        byte[] hash = new byte[WhirlpoolHasher.HashSizeInBytes];
        hasher.Finish(hash);
        return (size, Convert.ToHexStringLower(hash));
    }
}
