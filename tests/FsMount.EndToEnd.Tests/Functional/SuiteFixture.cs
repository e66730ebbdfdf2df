using FsMount.Emulator;

namespace FsMount.EndToEnd.Tests.Functional;

/// <summary>
/// One target for all the checks of a suite class (an emulated account and what serves it), made
/// once per class: mounting per check would cost more than the checks.
/// </summary>
public abstract class SuiteFixture : IAsyncLifetime
{
    private EmulatedAccount? _account;
    private IFileSystemTarget? _target;

    /// <summary>The target, or null when it cannot exist on this machine (a mount without FUSE); each check then skips or fails.</summary>
    internal IFileSystemTarget? Target => _target;

    /// <summary>Whether the target is a real mount, which needs FUSE.</summary>
    internal virtual bool Mounts => false;

    public async ValueTask InitializeAsync()
    {
        _account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, TestContext.Current.CancellationToken);
        _target = await StartAsync(_account);
    }

    public async ValueTask DisposeAsync()
    {
        if (_target is not null)
        {
            await _target.DisposeAsync();
        }

        if (_account is not null)
        {
            await _account.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    internal abstract Task<IFileSystemTarget?> StartAsync(EmulatedAccount account);
}
