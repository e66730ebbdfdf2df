using FsMount.Core.Tests.Fakes;
using FsMount.Core.Reading;
using FsMount.Core.Vfs;
using Microsoft.Extensions.Time.Testing;

namespace FsMount.Core.Tests.Reading;

/// <summary>The persistent chunk cache, seen through the file system: what a read costs once the bytes were read before.</summary>
public sealed class ChunkCacheTests
{
    private const int KiB = 1024;
    private const int MiB = 1024 * KiB;
    private const ulong Root = IVirtualFileSystem.RootNodeId;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_header_and_tail_read_again_after_a_restart_cost_no_token_and_no_download()
    {
        var drive = new FakeRemoteDrive();
        var file = drive.AddFile(drive.RootFolderId, "film.mkv", size: (700L * MiB) + 5);
        var options = new FsMountOptions { CacheDirectory = TestMount.NewCacheDirectory() };

        await using (var first = TestMount.Create(drive, options: options))
        {
            await ScanAsync(first, "film.mkv", file.Size);
        }

        var served = drive.BytesServed;
        var readers = drive.Readers.Count;
        await using var second = TestMount.Create(drive, options: options);
        var (head, tail) = await ScanAsync(second, "film.mkv", file.Size);

        Assert.Equal(FakeContent.Range(file.ShortId, 0, head.Length), head);
        Assert.Equal(FakeContent.Range(file.ShortId, file.Size - tail.Length, tail.Length), tail);
        Assert.Equal(served, drive.BytesServed);
        Assert.Equal(readers, drive.Readers.Count);
    }

    [Fact]
    public async Task A_second_handle_reads_what_the_first_one_downloaded_without_a_token()
    {
        var drive = new FakeRemoteDrive();
        var file = drive.AddFile(drive.RootFolderId, "song.flac", size: (3 * MiB) + 77);
        await using var fs = TestMount.Create(drive);
        var node = (await fs.LookupOkAsync(Root, "song.flac")).NodeId;

        Assert.Equal(FakeContent.Range(file.ShortId, 0, (int)file.Size), await fs.ReadAllAsync(node));
        Assert.Equal(FakeContent.Range(file.ShortId, 0, (int)file.Size), await fs.ReadAllAsync(node));

        Assert.Single(drive.Readers);
        Assert.Equal(file.Size, drive.BytesServed);
    }

    [Fact]
    public async Task Of_a_large_file_read_start_to_end_the_cache_keeps_the_head_and_the_tail_not_the_stream_between()
    {
        var drive = new FakeRemoteDrive();
        var file = drive.AddFile(drive.RootFolderId, "film.mkv", size: 40 * MiB);

        // A bound of 64 MiB keeps files up to 1 MiB whole: this one is large.
        await using var fs = TestMount.Create(drive, options: new FsMountOptions { CacheDirectory = TestMount.NewCacheDirectory(), ChunkCacheBytes = 64 * MiB });
        var node = (await fs.LookupOkAsync(Root, "film.mkv")).NodeId;
        Assert.Equal(FakeContent.Range(file.ShortId, 0, (int)file.Size), await fs.ReadAllAsync(node));
        var before = drive.Ranges.Count;

        Assert.Equal(FakeContent.Range(file.ShortId, 0, (int)file.Size), await fs.ReadAllAsync(node));

        var again = drive.Ranges.Skip(before).ToList();
        Assert.NotEmpty(again);
        Assert.All(again, range => Assert.True(range.Offset >= 8 * MiB && range.Offset + range.Length <= file.Size - (8 * MiB), $"{range.Offset}+{range.Length} was kept"));
    }

    [Fact]
    public async Task A_read_that_spans_cached_and_missing_blocks_downloads_only_the_missing_ones()
    {
        var drive = new FakeRemoteDrive();
        var file = drive.AddFile(drive.RootFolderId, "data.bin", size: 4 * MiB);
        await using var fs = TestMount.Create(drive);
        var handle = await fs.OpenFileAsync("data.bin");
        var buffer = new byte[256 * KiB];
        (await fs.ReadAsync(handle, 1 * MiB, buffer, Token)).Ok();
        await fs.ReleaseAsync(handle);
        var before = drive.Ranges.Count;

        var whole = new byte[2 * MiB];
        handle = await fs.OpenFileAsync("data.bin");
        Assert.Equal(whole.Length, (await fs.ReadAsync(handle, 512 * KiB, whole, Token)).Ok());

        Assert.Equal(FakeContent.Range(file.ShortId, 512 * KiB, whole.Length), whole);
        var added = drive.Ranges.Skip(before).ToList();
        Assert.DoesNotContain(added, r => r.Offset < (1 * MiB) + buffer.Length && r.Offset + r.Length > 1 * MiB);
    }

    [Fact]
    public async Task Over_its_bound_the_cache_drops_the_files_used_least_recently()
    {
        var drive = new FakeRemoteDrive();
        string[] names = ["a.bin", "b.bin", "c.bin"];
        foreach (var name in names)
        {
            drive.AddFile(drive.RootFolderId, name, size: 600 * KiB);
        }

        var options = new FsMountOptions { CacheDirectory = TestMount.NewCacheDirectory(), ChunkCacheBytes = 1300 * KiB };
        var time = new FakeTimeProvider(FakeRemoteDrive.Epoch);
        await using var fs = TestMount.Create(drive, time, options);
        foreach (var name in names)
        {
            await ReadAndCloseAsync(fs, time, name);
        }

        // a.bin was dropped to make room for c.bin; b.bin and c.bin are still held.
        var served = drive.BytesServed;
        await ReadAndCloseAsync(fs, time, "c.bin");
        await ReadAndCloseAsync(fs, time, "b.bin");
        Assert.Equal(served, drive.BytesServed);

        await ReadAndCloseAsync(fs, time, "a.bin");
        Assert.Equal(served + (600 * KiB), drive.BytesServed);
        Assert.InRange(CachedBytesOnDisk(options), 1 * MiB, 1300 * KiB);
    }

    [Fact]
    public async Task A_cached_file_cut_behind_the_mounts_back_is_downloaded_again_with_the_right_bytes()
    {
        var drive = new FakeRemoteDrive();
        var file = drive.AddFile(drive.RootFolderId, "a.bin", size: 1 * MiB);
        var options = new FsMountOptions { CacheDirectory = TestMount.NewCacheDirectory() };
        await using (var first = TestMount.Create(drive, options: options))
        {
            await first.ReadAllAsync((await first.LookupOkAsync(Root, "a.bin")).NodeId);
        }

        var chunk = Assert.Single(Directory.GetFiles(Path.Combine(options.CacheDirectory, "chunks")));
        File.WriteAllBytes(chunk, new byte[1000]);

        await using var second = TestMount.Create(drive, options: options);
        var read = await second.ReadAllAsync((await second.LookupOkAsync(Root, "a.bin")).NodeId);

        Assert.Equal(FakeContent.Range(file.ShortId, 0, (int)file.Size), read);
    }

    [Fact]
    public async Task Files_in_the_chunk_folder_that_the_index_does_not_know_are_removed_at_start()
    {
        var options = new FsMountOptions { CacheDirectory = TestMount.NewCacheDirectory() };
        var stray = Path.Combine(options.CacheDirectory, "chunks", "0123456789abcdef0123456789abcdef");
        Directory.CreateDirectory(Path.GetDirectoryName(stray)!);
        File.WriteAllBytes(stray, new byte[100]);

        await using var fs = TestMount.Create(new FakeRemoteDrive(), options: options);

        Assert.False(File.Exists(stray));
    }

    [Fact]
    public async Task A_file_uploaded_through_the_mount_is_read_back_without_a_download()
    {
        var drive = new FakeRemoteDrive();
        var options = new FsMountOptions { CacheDirectory = TestMount.NewCacheDirectory() };
        var content = FakeContent.Range("local", 0, (2 * MiB) + 3);
        await using (var fs = TestMount.Create(drive, options: options))
        {
            await fs.InitializeAsync(Token);
            await fs.WriteNewFileAsync(Root, "episode.mkv", content);
            await fs.UploadAllAsync();
        }

        await using var remounted = TestMount.Create(drive, options: options);
        await remounted.InitializeAsync(Token);
        var node = (await remounted.LookupOkAsync(Root, "episode.mkv")).NodeId;

        Assert.Equal(content, await remounted.ReadAllAsync(node));
        Assert.Empty(drive.Readers);
        Assert.Equal(0, drive.BytesServed);
    }

    [Fact]
    public async Task A_large_uploaded_file_leaves_its_head_and_tail_in_the_cache()
    {
        var drive = new FakeRemoteDrive();
        var options = new FsMountOptions { CacheDirectory = TestMount.NewCacheDirectory(), ChunkCacheBytes = 64 * 20 * MiB };
        var content = FakeContent.Range("local", 0, (40 * MiB) + 3);
        await using var fs = TestMount.Create(drive, options: options);
        await fs.InitializeAsync(Token);
        var node = await fs.WriteNewFileAsync(Root, "film.mkv", content);
        await fs.UploadAllAsync();

        var (head, tail) = await ScanAsync(fs, "film.mkv", content.Length);
        Assert.Equal(content[..head.Length], head);
        Assert.Equal(content[^tail.Length..], tail);
        Assert.Empty(drive.Readers);

        // The middle was not kept: reading the whole file downloads that and nothing else.
        Assert.Equal(content, await fs.ReadAllAsync(node));
        Assert.Equal(24 * MiB, drive.BytesServed);
    }

    [Fact]
    public async Task With_the_cache_off_every_handle_downloads_and_nothing_is_written_to_the_cache_folder()
    {
        var drive = new FakeRemoteDrive();
        var file = drive.AddFile(drive.RootFolderId, "a.bin", size: 300 * KiB);
        var options = new FsMountOptions { CacheDirectory = TestMount.NewCacheDirectory(), ChunkCacheBytes = 0 };
        var time = new FakeTimeProvider(FakeRemoteDrive.Epoch);
        await using var fs = TestMount.Create(drive, time, options);

        await ReadAndCloseAsync(fs, time, "a.bin");
        await ReadAndCloseAsync(fs, time, "a.bin");

        Assert.Equal(2 * file.Size, drive.BytesServed);
        Assert.Equal(0, CachedBytesOnDisk(options));
    }

    // ffprobe on a video whose index is at the end: the first 64 KiB, then the last 1 MiB.
    private static async Task<(byte[] Head, byte[] Tail)> ScanAsync(MountedFileSystem fs, string name, long size)
    {
        var handle = await fs.OpenFileAsync(name);
        var head = new byte[64 * KiB];
        Assert.Equal(head.Length, (await fs.ReadAsync(handle, 0, head, Token)).Ok());
        var tail = new byte[1 * MiB];
        Assert.Equal(tail.Length, (await fs.ReadAsync(handle, size - tail.Length, tail, Token)).Ok());
        await fs.ReleaseAsync(handle);
        return (head, tail);
    }

    // Reads a whole file and closes it for good: past the time a closed reader is kept for a reopen.
    private static async Task ReadAndCloseAsync(MountedFileSystem fs, FakeTimeProvider time, string name)
    {
        await fs.ReadAllAsync((await fs.LookupOkAsync(Root, name)).NodeId);
        time.Advance(ReaderPark.HoldTime);
    }

    // The files' lengths: at least the bytes they hold (they are sparse).
    private static long CachedBytesOnDisk(FsMountOptions options) =>
        new DirectoryInfo(Path.Combine(options.CacheDirectory, "chunks")).EnumerateFiles().Sum(file => file.Length);
}
