using System.Net.Sockets;
using System.Text;
using FsMount.Emulator;
using FsMount.Testing;

namespace FsMount.EndToEnd.Tests;

/// <summary>
/// systemd <c>Type=notify</c>: the mount tells the datagram socket named by <c>NOTIFY_SOCKET</c> (one the
/// test creates, as systemd does) READY=1 once mounted, STATUS= lines with the upload queue, and
/// STOPPING=1 when it is stopped.
/// </summary>
public sealed class ServiceNotifyTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_notify_socket_gets_ready_then_the_queue_then_stopping()
    {
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var mountPoint = account.CreateDirectory("mnt");
        var socketPath = Path.Combine(account.WorkDirectory, "notify.sock");
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(socketPath));
        var messages = new List<string>();
        using var stopReceiving = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var receiving = ReceiveAsync(notify, messages, stopReceiving.Token);

        var environment = new Dictionary<string, string>(RuntimeFolder.EnvironmentFor(account)) { ["NOTIFY_SOCKET"] = socketPath };
        await using (var mount = await FsMountProcess.StartAsync(mountPoint, environment, account.MountArguments("--write-back", "1h")))
        {
            await Eventually.TrueAsync(() => Received(messages).Contains("STATUS=no uploads pending"), "the mount reports its empty queue");
            await File.WriteAllBytesAsync(Path.Combine(mountPoint, "queued.bin"), new byte[3 * 1024 * 1024], Token);
            await Eventually.TrueAsync(() => Received(messages).Contains("STATUS=1 upload(s) pending, 3.0 MiB"), "the mount reports the queued upload");
            await mount.StopCleanlyAsync();
        }

        await Eventually.TrueAsync(() => Received(messages).Contains("STOPPING=1"), "the mount reports it stops");
        await stopReceiving.CancelAsync();
        await receiving;

        var received = Received(messages);
        Assert.Equal("READY=1", received[0]);
        Assert.True(received.IndexOf("STATUS=1 upload(s) pending, 3.0 MiB") < received.IndexOf("STOPPING=1"), string.Join(" | ", received));
    }

    private static List<string> Received(List<string> messages)
    {
        lock (messages)
        {
            return [.. messages];
        }
    }

    private static async Task ReceiveAsync(Socket socket, List<string> messages, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var length = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                lock (messages)
                {
                    messages.Add(Encoding.UTF8.GetString(buffer, 0, length).TrimEnd('\n'));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
