namespace FsMount.EndToEnd.Tests.Functional;

/// <summary>The core in-process over the emulated account.</summary>
public sealed class CoreFixture : SuiteFixture
{
    internal override async Task<IFileSystemTarget?> StartAsync(EmulatedAccount account) =>
        new CoreTarget(await InProcessFileSystem.StartAsync(account, account.CacheDirectory));
}
