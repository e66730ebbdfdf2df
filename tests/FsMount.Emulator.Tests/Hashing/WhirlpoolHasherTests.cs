using System.Diagnostics;
using System.Text;
using FsMount.Emulator.Hashing;
using Org.BouncyCastle.Crypto.Digests;

namespace FsMount.Emulator.Tests.Hashing;

public sealed class WhirlpoolHasherTests
{
    // The test vectors of ISO/IEC 10118-3 (and the NESSIE submission), lower-case hex.
    public static TheoryData<string, string> IsoVectors => new()
    {
        { "", "19fa61d75522a4669b44e39c1d2e1726c530232130d407f89afee0964997f7a73e83be698b288febcf88e3e03c4f0757ea8964e59b63d93708b138cc42a66eb3" },
        { "a", "8aca2602792aec6f11a67206531fb7d7f0dff59413145e6973c45001d0087b42d11bc645413aeff63a42391a39145a591a92200d560195e53b478584fdae231a" },
        { "abc", "4e2448a4c6f486bb16b6562c73b4020bf3043e3a731bce721ae1b303d97e6d4c7181eebdb6c57e277d0e34957114cbd6c797fc9d95d8b582d225292076d4eef5" },
        { "message digest", "378c84a4126e2dc6e56dcc7458377aac838d00032230f53ce1f5700c0ffb4d3b8421557659ef55c106b4b52ac5a4aaa692ed920052838f3362e86dbd37a8903e" },
        { "abcdefghijklmnopqrstuvwxyz", "f1d754662636ffe92c82ebb9212a484a8d38631ead4238f5442ee13b8054e41b08bf2a9251c30b6a0b8aae86177ab4a6f68f673e7207865d5d9819a3dba4eb3b" },
        { "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "dc37e008cf9ee69bf11f00ed9aba26901dd7c28cdec066cc6af42e40f82f3a1e08eba26629129d8fb7cb57211b9281a65517cc879d7b962142c65f5a7af01467" },
        { string.Concat(Enumerable.Repeat("1234567890", 8)), "466ef18babb0154d25b9d38a6414f5c08784372bccb204d6549c4afadb6014294d5bd8df2a6c44e538cd047b2681a51a2c60481e88c5a20b2c2a80cf3a9a083b" },
        { new string('a', 1_000_000), "0c99005beb57eff50a7cf005560ddf5d29057fd86b20bfd62deca0f1ccea4af51fc15490eddc47af32bb2b66c34ff9ad8c6008ad677f77126953b226e4ed8b01" },
    };

    [Theory]
    [MemberData(nameof(IsoVectors))]
    public void Iso_test_vectors_match_the_standard_and_bouncy_castle(string message, string expected)
    {
        byte[] data = Encoding.ASCII.GetBytes(message);

        Assert.Equal(expected, BouncyCastleHex(data));
        Assert.Equal(expected, Hex(data, [data.Length]));
    }

    [Fact]
    public void Every_length_up_to_a_thousand_in_random_chunks_matches_bouncy_castle()
    {
        var random = new Random(10118);
        for (int length = 0; length <= 1000; length++)
        {
            byte[] data = new byte[length];
            random.NextBytes(data);

            Assert.Equal(BouncyCastleHex(data), Hex(data, RandomChunks(random, length, maxChunk: 130)));
        }
    }

    [Theory]
    [InlineData(1 << 20)]
    [InlineData((3 << 20) + 31)]
    [InlineData((5 << 20) - 33)]
    public void Megabytes_in_random_chunks_match_bouncy_castle(int length)
    {
        var random = new Random(length);
        byte[] data = new byte[length];
        random.NextBytes(data);

        Assert.Equal(BouncyCastleHex(data), Hex(data, RandomChunks(random, length, maxChunk: 200_000)));
    }

    [Fact]
    public void Finish_starts_over()
    {
        var hasher = new WhirlpoolHasher();
        byte[] first = new byte[WhirlpoolHasher.HashSizeInBytes];
        byte[] second = new byte[WhirlpoolHasher.HashSizeInBytes];

        hasher.Append("some earlier upload"u8);
        hasher.Finish(first);
        hasher.Append("abc"u8);
        hasher.Finish(second);

        Assert.Equal(BouncyCastleHex("some earlier upload"u8.ToArray()), Convert.ToHexStringLower(first));
        Assert.Equal(BouncyCastleHex("abc"u8.ToArray()), Convert.ToHexStringLower(second));
    }

    [Fact]
    public async Task Agrees_with_openssl()
    {
        byte[] data = new byte[300_000];
        new Random(2003).NextBytes(data);
        string path = Path.Combine(Path.GetTempPath(), "fsmount-whirlpool-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(path, data, TestContext.Current.CancellationToken);
        try
        {
            // OpenSSL 3 moved Whirlpool to its legacy provider; older builds have it in the default one.
            string? output = await OpenSslDigestAsync(path, []) ?? await OpenSslDigestAsync(path, ["-provider", "legacy", "-provider", "default"]);
            if (output is null)
            {
                Assert.Skip("openssl is missing or has no Whirlpool on this machine");
            }

            Assert.EndsWith("= " + Hex(data, [data.Length]), output.Trim(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Hex(byte[] data, IEnumerable<int> chunkLengths)
    {
        var hasher = new WhirlpoolHasher();
        int offset = 0;
        foreach (int chunk in chunkLengths)
        {
            hasher.Append(data.AsSpan(offset, chunk));
            offset += chunk;
        }

        Assert.Equal(data.Length, offset);
        byte[] hash = new byte[WhirlpoolHasher.HashSizeInBytes];
        hasher.Finish(hash);
        return Convert.ToHexStringLower(hash);
    }

    // Chunks of 0 to maxChunk bytes (empty appends included) that add up to the length.
    private static List<int> RandomChunks(Random random, int length, int maxChunk)
    {
        var chunks = new List<int>();
        for (int left = length; left > 0;)
        {
            int chunk = Math.Min(left, random.Next(maxChunk + 1));
            chunks.Add(chunk);
            left -= chunk;
        }

        chunks.Add(0);
        return chunks;
    }

    private static string BouncyCastleHex(byte[] data)
    {
        var digest = new WhirlpoolDigest();
        digest.BlockUpdate(data, 0, data.Length);
        byte[] hash = new byte[digest.GetDigestSize()];
        digest.DoFinal(hash, 0);
        return Convert.ToHexStringLower(hash);
    }

    // The output of `openssl dgst -whirlpool [options] path`, or null when openssl is absent or refuses.
    private static async Task<string?> OpenSslDigestAsync(string path, string[] options)
    {
        var start = new ProcessStartInfo("openssl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("dgst");
        start.ArgumentList.Add("-whirlpool");
        foreach (string option in options)
        {
            start.ArgumentList.Add(option);
        }

        start.ArgumentList.Add(path);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("openssl did not start");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }

        using (process)
        {
            Task<string> errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            string output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await errors;
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            return process.ExitCode == 0 ? output : null;
        }
    }
}
