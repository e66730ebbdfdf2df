using FsMount.Core.Errors;
using FsMount.Core.Tests.Fakes;
using FsMount.Core.Vfs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FsMount.Core.Tests;

/// <summary>Builds a <see cref="MountedFileSystem"/> over a fake drive, and small helpers for tests.</summary>
internal static class TestMount
{
    public static MountedFileSystem Create(FakeRemoteDrive drive, FakeTimeProvider? time = null, FsMountOptions? options = null) =>
        new(
            drive,
            Microsoft.Extensions.Options.Options.Create(options ?? new FsMountOptions()),
            time ?? new FakeTimeProvider(FakeRemoteDrive.Epoch.AddYears(1)),
            NullLoggerFactory.Instance);

    public static T Ok<T>(this FsResult<T> result)
    {
        Assert.True(result.IsSuccess, $"Expected success, got {result.Error}.");
        return result.Value;
    }

    public static async Task<NodeAttributes> LookupOkAsync(this MountedFileSystem fs, ulong parent, string name) =>
        (await fs.LookupAsync(parent, name, TestContext.Current.CancellationToken)).Ok();

    public static async Task<ulong> OpenFileAsync(this MountedFileSystem fs, string name)
    {
        var node = await fs.LookupOkAsync(IVirtualFileSystem.RootNodeId, name);
        return (await fs.OpenAsync(node.NodeId, TestContext.Current.CancellationToken)).Ok();
    }
}
