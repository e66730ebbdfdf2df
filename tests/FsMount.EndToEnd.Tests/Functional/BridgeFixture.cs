namespace FsMount.EndToEnd.Tests.Functional;

/// <summary>The FUSE bridge over the in-memory channel, over the core, over the emulated account.</summary>
public sealed class BridgeFixture : SuiteFixture
{
    internal override async Task<IFileSystemTarget?> StartAsync(EmulatedAccount account) =>
        await BridgeTarget.StartAsync(await InProcessFileSystem.StartAsync(account, account.CacheDirectory));
}
