using FsMount.Testing;

namespace FsMount.EndToEnd.Tests.Functional;

/// <summary>The <c>fsmount</c> command mounted for real over the emulated account, used through libc from this process.</summary>
public sealed class MountFixture : SuiteFixture
{
    internal override bool Mounts => true;

    internal override async Task<IFileSystemTarget?> StartAsync(EmulatedAccount account)
    {
        // Without FUSE the checks report why (a skip, or a failure under FSMOUNT_REQUIRE_FUSE).
        if (FuseAvailability.UnavailableReason() is not null)
        {
            return null;
        }

        var mountPoint = account.CreateDirectory("mnt");
        return new PosixTarget(mountPoint, await FsMountProcess.StartAsync(mountPoint, account.FastEnvironment, account.MountArguments()));
    }
}
