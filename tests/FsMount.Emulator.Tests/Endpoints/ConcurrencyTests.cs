using FsMount.Emulator.Tests.TestSupport;

namespace FsMount.Emulator.Tests.Endpoints;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Parallel_uploads_and_ranged_downloads_stay_consistent()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        long folder = await emulator.Api.MkdirAsync("parallel");
        byte[][] contents = Enumerable.Range(1, 16).Select(i => Enumerable.Range(0, 50_000 + i).Select(b => (byte)(b * i)).ToArray()).ToArray();

        UploadedFile[] files = await Task.WhenAll(contents.Select((content, i) => emulator.Api.UploadOneAsync(folder, $"file-{i}.bin", content)));
        byte[][] downloaded = await Task.WhenAll(files.Select(file => emulator.Api.DownloadAsync(file.Url)));

        Assert.Equal(contents, downloaded);
        Assert.Equal(16, await emulator.Api.CountFilesAsync(folder));
        Assert.Equal(16, files.Select(file => file.ShortId).Distinct().Count());
    }
}
