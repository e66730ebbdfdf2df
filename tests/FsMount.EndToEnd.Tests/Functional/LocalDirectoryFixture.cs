namespace FsMount.EndToEnd.Tests.Functional;

/// <summary>A plain local directory: what the suite expects is what Linux does.</summary>
public sealed class LocalDirectoryFixture : SuiteFixture
{
    internal override Task<IFileSystemTarget?> StartAsync(EmulatedAccount account) =>
        Task.FromResult<IFileSystemTarget?>(new PosixTarget(account.CreateDirectory("local"), owner: null));
}
