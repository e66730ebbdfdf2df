using FsMount.Core.Errors;
using FsMount.Core.Reading;
using FsMount.Core.Remote;
using FsMount.Core.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace FsMount.Core.Tests.Reading;

/// <summary>Reads through <see cref="Vfs.MountedFileSystem"/> handles, checking bytes and what they cost remotely.</summary>
public sealed class RangedReadTests
{
    private const int KiB = 1024;
    private const int MiB = 1024 * KiB;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_sequential_read_is_byte_exact_with_one_token_and_few_growing_ranges()
    {
        var drive = new FakeRemoteDrive();
        var file = drive.AddFile(drive.RootFolderId, "big.mkv", size: (40 * MiB) + 12_345);
        await using var fs = TestMount.Create(drive);
        var handle = await fs.OpenFileAsync("big.mkv");

        var buffer = new byte[128 * KiB];
        long offset = 0;
        while (true)
        {
            var read = (await fs.ReadAsync(handle, offset, buffer, Token)).Ok();
            if (read == 0)
            {
                break;
            }

            Assert.True(FakeContent.Range(file.ShortId, offset, read).AsSpan().SequenceEqual(buffer.AsSpan(0, read)), $"bytes differ at {offset}");
            offset += read;
        }

        Assert.Equal(file.Size, offset);
        Assert.Single(drive.Readers);

        // 128 KiB, then twice as long each time, the last one cut at end of file.
        List<(long Offset, long Length)> expected = [];
        for (long start = 0, length = 128 * KiB; start < file.Size; start += length, length *= 2)
        {
            expected.Add((start, Math.Min(length, file.Size - start)));
        }

        Assert.Equal(expected, drive.Ranges);
        Assert.Equal(9, expected.Count);
        Assert.Equal(file.Size, drive.BytesServed);
    }

    [Fact]
    public async Task A_media_scanners_head_and_tail_reads_transfer_little()
    {
        var drive = new FakeRemoteDrive();
        var file = drive.AddFile(drive.RootFolderId, "film.mkv", size: (3L * 1024 * MiB) + 777);
        await using var fs = TestMount.Create(drive);
        var handle = await fs.OpenFileAsync("film.mkv");

        var head = new byte[64 * KiB];
        Assert.Equal(head.Length, (await fs.ReadAsync(handle, 0, head, Token)).Ok());
        var tail = new byte[64 * KiB];
        var tailOffset = file.Size - tail.Length;
        Assert.Equal(tail.Length, (await fs.ReadAsync(handle, tailOffset, tail, Token)).Ok());
        Assert.Equal(head.Length, (await fs.ReadAsync(handle, 0, head, Token)).Ok());

        Assert.Equal(FakeContent.Range(file.ShortId, 0, head.Length), head);
        Assert.Equal(FakeContent.Range(file.ShortId, tailOffset, tail.Length), tail);
        Assert.Equal(2, drive.Ranges.Count);
        Assert.True(drive.Ranges[1].Length <= 128 * KiB, $"the tail range asked for {drive.Ranges[1].Length} bytes");
        Assert.True(drive.BytesServed <= 256 * KiB, $"{drive.BytesServed} bytes transferred");
    }

    [Fact]
    public async Task A_library_scan_downloads_within_one_and_a_half_times_what_it_reads_with_one_token_per_file()
    {
        var drive = new FakeRemoteDrive();
        var random = new Random(3);
        var files = Enumerable.Range(0, 20).Select(i => drive.AddFile(drive.RootFolderId, $"e{i:D2}.mp4", size: random.NextInt64(2 * MiB, 900L * MiB))).ToList();
        await using var fs = TestMount.Create(drive);

        long read = 0;
        foreach (var file in files)
        {
            // ffprobe on an mp4 whose index is at the end: the first 64 KiB, then the last 1 MiB, in 128 KiB reads.
            var handle = await fs.OpenFileAsync(file.Name);
            var buffer = new byte[128 * KiB];
            read += (await fs.ReadAsync(handle, 0, buffer.AsMemory(0, 64 * KiB), Token)).Ok();
            for (var offset = file.Size - MiB; offset < file.Size; offset += buffer.Length)
            {
                read += (await fs.ReadAsync(handle, offset, buffer, Token)).Ok();
            }

            await fs.ReleaseAsync(handle);
        }

        Assert.Equal(files.Count * (64L + 1024) * KiB, read);
        Assert.Equal(files.Count, drive.Readers.Count);
        Assert.InRange(drive.BytesServed, read, read * 3 / 2);
    }

    [Fact]
    public async Task Random_reads_return_the_right_bytes()
    {
        var drive = new FakeRemoteDrive();
        var file = drive.AddFile(drive.RootFolderId, "data.bin", size: (20 * MiB) + 3);
        await using var fs = TestMount.Create(drive);
        var handle = await fs.OpenFileAsync("data.bin");

        var random = new Random(42);
        for (var i = 0; i < 300; i++)
        {
            var offset = random.NextInt64(file.Size + 1000);
            var buffer = new byte[random.Next(1, 300 * KiB)];
            var read = (await fs.ReadAsync(handle, offset, buffer, Token)).Ok();

            var expected = (int)Math.Clamp(file.Size - offset, 0, buffer.Length);
            Assert.Equal(expected, read);
            Assert.True(FakeContent.Range(file.ShortId, offset, read).AsSpan().SequenceEqual(buffer.AsSpan(0, read)), $"bytes differ at {offset}");
        }

        Assert.Single(drive.Readers);
    }

    // As the kernel does with async reads: several requests in flight, the later ones first; 128 KiB
    // with its default read-ahead, 1 MiB (across window ends) with a larger one.
    [Theory]
    [InlineData(128 * KiB, 4)]
    [InlineData(1 * MiB, 2)]
    public async Task Parallel_reads_arriving_out_of_order_are_correct_and_served_from_the_open_range(int readSize, int inFlight)
    {
        var drive = new FakeRemoteDrive();
        var file = drive.AddFile(drive.RootFolderId, "video.mp4", size: 16 * MiB);
        await using var fs = TestMount.Create(drive);
        var handle = await fs.OpenFileAsync("video.mp4");

        for (long batch = 0; batch < file.Size; batch += inFlight * readSize)
        {
            var reads = Enumerable.Range(0, inFlight).Reverse().Select(async i =>
            {
                var offset = batch + (i * readSize);
                var buffer = new byte[readSize];
                var read = (await fs.ReadAsync(handle, offset, buffer, Token)).Ok();
                Assert.Equal(readSize, read);
                Assert.True(FakeContent.Range(file.ShortId, offset, read).AsSpan().SequenceEqual(buffer), $"bytes differ at {offset}");
            });
            await Task.WhenAll(reads);
        }

        // One stream of growing windows, each starting where the last one ended: no byte asked twice.
        Assert.Equal(0, drive.Ranges[0].Offset);
        Assert.All(drive.Ranges.Zip(drive.Ranges.Skip(1)), pair => Assert.Equal(pair.First.Offset + pair.First.Length, pair.Second.Offset));
        Assert.Equal(file.Size, drive.Ranges.Sum(r => r.Length));
        Assert.Equal(file.Size, drive.BytesServed);
    }

    [Fact]
    public async Task Seeks_ask_for_at_most_one_first_window_each()
    {
        var drive = new FakeRemoteDrive();
        var file = drive.AddFile(drive.RootFolderId, "film.mkv", size: 3L * 1024 * MiB);
        await using var fs = TestMount.Create(drive);
        var handle = await fs.OpenFileAsync("film.mkv");

        var buffer = new byte[64 * KiB];
        long[] offsets = [0, 1024L * MiB, 2048L * MiB, file.Size - buffer.Length];
        foreach (var offset in offsets)
        {
            Assert.Equal(buffer.Length, (await fs.ReadAsync(handle, offset, buffer, Token)).Ok());
        }

        Assert.Equal(offsets, drive.Ranges.Select(r => r.Offset));
        var window = new FsMountOptions().ReadWindowBytes;
        Assert.All(drive.Ranges, r => Assert.True(r.Length <= window, $"a seek asked for {r.Length} bytes"));
        Assert.Equal((3 * window) + buffer.Length, drive.BytesServed);
    }

    [Fact]
    public async Task A_sequential_read_stopped_midway_transfers_at_most_twice_what_was_read()
    {
        var drive = new FakeRemoteDrive();
        drive.AddFile(drive.RootFolderId, "film.mkv", size: 100 * MiB);
        await using var fs = TestMount.Create(drive);
        var handle = await fs.OpenFileAsync("film.mkv");

        var buffer = new byte[1 * MiB];
        for (long offset = 0; offset < 10 * MiB; offset += buffer.Length)
        {
            Assert.Equal(buffer.Length, (await fs.ReadAsync(handle, offset, buffer, Token)).Ok());
        }

        await fs.ReleaseAsync(handle);

        // Windows double, so what was sent and not read is at most what was read, plus the first window.
        Assert.InRange(drive.BytesServed, 10 * MiB, (2 * 10 * MiB) + new FsMountOptions().ReadWindowBytes);
    }

    [Fact]
    public async Task Many_concurrent_reads_anywhere_on_one_handle_are_correct()
    {
        var drive = new FakeRemoteDrive();
        var file = drive.AddFile(drive.RootFolderId, "data.bin", size: 12 * MiB);
        await using var fs = TestMount.Create(drive);
        var handle = await fs.OpenFileAsync("data.bin");

        var random = new Random(7);
        var offsets = Enumerable.Range(0, 96).Select(i => (long)i * 128 * KiB).OrderBy(_ => random.Next()).ToList();
        await Task.WhenAll(offsets.Select(offset => Task.Run(async () =>
        {
            var buffer = new byte[128 * KiB];
            var read = (await fs.ReadAsync(handle, offset, buffer, Token)).Ok();
            Assert.Equal(buffer.Length, read);
            Assert.True(FakeContent.Range(file.ShortId, offset, read).AsSpan().SequenceEqual(buffer), $"bytes differ at {offset}");
        }, Token)));

        Assert.Single(drive.Readers);
    }

    [Fact]
    public async Task A_small_forward_skip_reads_through_and_a_far_one_opens_a_new_range()
    {
        var drive = new FakeRemoteDrive();
        var file = drive.AddFile(drive.RootFolderId, "data.bin", size: 32 * MiB);
        await using var fs = TestMount.Create(drive);
        var handle = await fs.OpenFileAsync("data.bin");
        var buffer = new byte[64 * KiB];

        await fs.ReadAsync(handle, 0, buffer, Token);
        await fs.ReadAsync(handle, 1 * MiB, buffer, Token);

        // Read through, across window ends: one stream of contiguous, growing windows from the start.
        Assert.Equal(0, drive.Ranges[0].Offset);
        Assert.All(drive.Ranges.Zip(drive.Ranges.Skip(1)), pair => Assert.Equal(pair.First.Offset + pair.First.Length, pair.Second.Offset));
        Assert.Equal(FakeContent.Range(file.ShortId, 1 * MiB, buffer.Length), buffer);
        var streamed = drive.Ranges.Count;

        // The stream is young (its window is 1 MiB, so it reads through 2 MiB at most): a jump of 3 MiB is far.
        await fs.ReadAsync(handle, 4 * MiB, buffer, Token);
        Assert.Equal(streamed + 1, drive.Ranges.Count);
        Assert.Equal(4L * MiB, drive.Ranges[^1].Offset);

        await fs.ReadAsync(handle, 3 * MiB, buffer, Token);
        Assert.Equal(streamed + 2, drive.Ranges.Count);
        Assert.Equal(3L * MiB, drive.Ranges[^1].Offset);
        Assert.Equal(FakeContent.Range(file.ShortId, 3 * MiB, buffer.Length), buffer);
    }

    [Fact]
    public async Task Reads_at_or_past_end_of_file_return_zero_bytes_and_a_straddling_read_is_short()
    {
        var drive = new FakeRemoteDrive();
        var file = drive.AddFile(drive.RootFolderId, "small.txt", size: 1000);
        drive.AddFile(drive.RootFolderId, "empty.txt", size: 0);
        await using var fs = TestMount.Create(drive);
        var handle = await fs.OpenFileAsync("small.txt");
        var buffer = new byte[4096];

        Assert.Equal(0, (await fs.ReadAsync(handle, 1000, buffer, Token)).Ok());
        Assert.Equal(0, (await fs.ReadAsync(handle, 1 << 30, buffer, Token)).Ok());
        Assert.Empty(drive.Readers);

        Assert.Equal(100, (await fs.ReadAsync(handle, 900, buffer, Token)).Ok());
        Assert.Equal(FakeContent.Range(file.ShortId, 900, 100), buffer[..100]);

        var empty = await fs.OpenFileAsync("empty.txt");
        Assert.Equal(0, (await fs.ReadAsync(empty, 0, buffer, Token)).Ok());
        Assert.Single(drive.Readers);
    }

    [Fact]
    public async Task A_remote_file_shorter_than_listed_gives_a_short_read_not_a_hang()
    {
        var drive = new FakeRemoteDrive();
        var file = drive.AddFile(drive.RootFolderId, "cut.bin", size: 1 * MiB);
        drive.Truncate(file, 300 * KiB + 5);
        await using var fs = TestMount.Create(drive);
        var handle = await fs.OpenFileAsync("cut.bin");

        var buffer = new byte[1 * MiB];
        Assert.Equal(300 * KiB + 5, (await fs.ReadAsync(handle, 0, buffer, Token)).Ok());
        Assert.Equal(0, (await fs.ReadAsync(handle, 512 * KiB, buffer, Token)).Ok());
    }

    [Fact]
    public async Task Each_handle_gets_its_own_token_lazily_and_release_disposes_it()
    {
        var drive = new FakeRemoteDrive();
        drive.AddFile(drive.RootFolderId, "a.bin", size: 10);

        // Without the chunk cache, which would answer the second handle from the first one's bytes.
        var time = new FakeTimeProvider(FakeRemoteDrive.Epoch);
        await using var fs = TestMount.Create(drive, time, new FsMountOptions { ChunkCacheBytes = 0 });

        var unread = await fs.OpenFileAsync("a.bin");
        await fs.ReleaseAsync(unread);
        Assert.Empty(drive.Readers);

        var first = await fs.OpenFileAsync("a.bin");
        var second = await fs.OpenFileAsync("a.bin");
        var buffer = new byte[10];
        for (var i = 0; i < 3; i++)
        {
            await fs.ReadAsync(first, 0, buffer, Token);
            await fs.ReadAsync(second, i, buffer, Token);
        }

        Assert.Equal(2, drive.Readers.Count);
        await fs.ReleaseAsync(first);
        Assert.Equal(FsError.BadHandle, (await fs.ReadAsync(first, 0, buffer, Token)).Error);

        // Kept a moment for a reopen, then closed.
        Assert.Equal(0, drive.Readers.Count(r => r.IsDisposed));
        time.Advance(ReaderPark.HoldTime);
        Assert.Equal(1, drive.Readers.Count(r => r.IsDisposed));
        Assert.Equal(1, fs.OpenHandleCount);
    }

    [Theory]
    [InlineData(FsError.AccessDenied)]
    [InlineData(FsError.Unavailable)]
    public async Task A_ranged_request_failure_is_the_remote_error_and_the_next_read_recovers(FsError error)
    {
        var drive = new FakeRemoteDrive();
        var file = drive.AddFile(drive.RootFolderId, "a.bin", size: 1 * MiB);
        await using var fs = TestMount.Create(drive);
        var handle = await fs.OpenFileAsync("a.bin");
        var buffer = new byte[4096];

        drive.RangeFailure = new RemoteDriveException(error, "refused");
        Assert.Equal(error, (await fs.ReadAsync(handle, 0, buffer, Token)).Error);

        drive.RangeFailure = null;
        Assert.Equal(buffer.Length, (await fs.ReadAsync(handle, 0, buffer, Token)).Ok());
        Assert.Equal(FakeContent.Range(file.ShortId, 0, buffer.Length), buffer);
    }

    [Fact]
    public async Task Disposing_the_file_system_releases_open_handles()
    {
        var drive = new FakeRemoteDrive();
        drive.AddFile(drive.RootFolderId, "a.bin", size: 10);
        var fs = TestMount.Create(drive);
        var handle = await fs.OpenFileAsync("a.bin");
        await fs.ReadAsync(handle, 0, new byte[10], Token);

        await fs.DisposeAsync();

        Assert.True(Assert.Single(drive.Readers).IsDisposed);
        Assert.Equal(0, fs.OpenHandleCount);
    }
}
