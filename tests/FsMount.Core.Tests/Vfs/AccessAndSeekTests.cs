using FsMount.Core.Errors;
using FsMount.Core.Tests.Fakes;
using FsMount.Core.Vfs;

namespace FsMount.Core.Tests.Vfs;

/// <summary>access(2) and SEEK_DATA/SEEK_HOLE: answers that agree with what open, exec and read do.</summary>
public sealed class AccessAndSeekTests
{
    private const ulong Root = IVirtualFileSystem.RootNodeId;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Access_refuses_writes_on_a_read_only_mount_and_exec_without_an_x_bit()
    {
        var drive = new FakeRemoteDrive();
        drive.AddFile(drive.RootFolderId, "script.sh", 10);
        await using var writable = await TestMount.StartAsync(drive);
        await using var readOnly = await TestMount.StartAsync(drive, options: new FsMountOptions { ReadOnly = true });
        var file = (await writable.LookupOkAsync(Root, "script.sh")).NodeId;
        var sameFile = (await readOnly.LookupOkAsync(Root, "script.sh")).NodeId;

        Assert.Equal(FsError.None, await writable.CheckAccessAsync(file, AccessModes.Read | AccessModes.Write, Token));
        Assert.Equal(FsError.AccessDenied, await writable.CheckAccessAsync(file, AccessModes.Execute, Token));
        Assert.Equal(FsError.None, await writable.CheckAccessAsync(Root, AccessModes.Execute, Token));
        Assert.Equal(FsError.ReadOnly, await readOnly.CheckAccessAsync(sameFile, AccessModes.Write, Token));
        Assert.Equal(FsError.None, await readOnly.CheckAccessAsync(sameFile, AccessModes.Read, Token));
        Assert.Equal(FsError.NotFound, await writable.CheckAccessAsync(999, AccessModes.None, Token));

        await writable.SetAttributesAsync(file, null, new AttributeChanges { Permissions = 0x1ED }, Token);
        Assert.Equal(FsError.None, await writable.CheckAccessAsync(file, AccessModes.Execute, Token));
    }

    [Theory]
    [InlineData(0L, SeekTarget.Data, 0L)]
    [InlineData(500L, SeekTarget.Data, 500L)]
    [InlineData(0L, SeekTarget.Hole, 1000L)]
    [InlineData(999L, SeekTarget.Hole, 1000L)]
    public async Task The_whole_file_is_data_and_its_end_the_only_hole(long offset, SeekTarget target, long expected)
    {
        var drive = new FakeRemoteDrive();
        drive.AddFile(drive.RootFolderId, "film.mkv", 1000);
        await using var fs = await TestMount.StartAsync(drive);
        var handle = await fs.OpenFileAsync("film.mkv");

        Assert.Equal(expected, (await fs.SeekAsync(handle, offset, target, Token)).Ok());
        Assert.Equal(FsError.PastEndOfFile, (await fs.SeekAsync(handle, 1000, target, Token)).Error);
    }
}
