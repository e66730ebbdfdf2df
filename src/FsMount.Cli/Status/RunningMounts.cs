using System.Net.Sockets;
using System.Runtime.Versioning;

namespace FsMount.Cli.Status;

/// <summary>
/// Asks this user's running mounts on their status sockets. One call budget per account on a host: a
/// command about an account goes through a running mount of it, found by asking each mount with the
/// account's cache folder in the request, which a mount of another account declines.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static class RunningMounts
{
    /// <summary>Every running mount's status with its socket; sockets a killed mount left, which do not answer, are skipped.</summary>
    public static async Task<IReadOnlyList<(string Socket, StatusSnapshot Status)>> StatusesAsync(CancellationToken cancellationToken)
    {
        var statuses = new List<(string, StatusSnapshot)>();
        foreach (var socket in StatusSocketFolder.Sockets())
        {
            try
            {
                statuses.Add((socket, await StatusClient.AskStatusAsync(socket, cancellationToken)));
            }
            catch (Exception failure) when (failure is SocketException or IOException)
            {
                // A socket its mount left when it was killed: not a running mount.
            }
        }

        return statuses;
    }

    /// <summary>The answer of the first mount that takes the request; null when none runs or none takes it.</summary>
    /// <exception cref="StartupException">A mount of the account refused the request; the message says why.</exception>
    public static async Task<T?> AskAnyAsync<T>(Func<string, CancellationToken, Task<T>> ask, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(ask);
        foreach (var socket in StatusSocketFolder.Sockets())
        {
            if (await AskAsync(socket, ask, cancellationToken) is { } answer)
            {
                return answer;
            }
        }

        return null;
    }

    /// <summary>The answer of the mount at <paramref name="socket"/>; null when no mount answers there or it declines.</summary>
    /// <exception cref="StartupException">The mount is of the account and refused the request; the message says why.</exception>
    public static async Task<T?> AskAsync<T>(string socket, Func<string, CancellationToken, Task<T>> ask, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(ask);
        try
        {
            return await ask(socket, cancellationToken);
        }
        catch (MountRefusedException refused) when (!refused.OtherAccount)
        {
            // The account's own mount answered, and could not do it: going on to the cache folder, which
            // that mount holds, would only say that nothing answers.
            throw new StartupException(ExitCodes.Failure, $"the running mount of this account could not answer: {refused.Reason}", refused);
        }
        catch (Exception failure) when (failure is SocketException or IOException)
        {
            return null;
        }
    }
}
