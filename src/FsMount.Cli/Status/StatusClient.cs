using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace FsMount.Cli.Status;

/// <summary>Asks a running mount over its status socket: one request line, one answer line.</summary>
internal static class StatusClient
{
    private static readonly TimeSpan s_answerTimeout = TimeSpan.FromSeconds(10);

    /// <exception cref="SocketException">Nothing answers on the socket (no mount, or a dead one), or it may not be opened.</exception>
    /// <exception cref="IOException">The answer was cut or not the protocol's.</exception>
    public static async Task<StatusSnapshot> AskStatusAsync(string socketPath, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_answerTimeout);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), timeout.Token);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var request = JsonSerializer.SerializeToUtf8Bytes(new MountRequest(MountRequest.StatusKind), StatusJsonContext.Default.MountRequest);
        await stream.WriteAsync(request, timeout.Token);
        await stream.WriteAsync("\n"u8.ToArray(), timeout.Token);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var line = await reader.ReadLineAsync(timeout.Token) ?? throw new IOException("the mount closed the connection without an answer");
        MountAnswer? answer;
        try
        {
            answer = JsonSerializer.Deserialize(line, StatusJsonContext.Default.MountAnswer);
        }
        catch (JsonException failure)
        {
            throw new IOException("the mount's answer is not JSON; is it a different fsmount version?", failure);
        }

        return answer?.Status ?? throw new IOException($"the mount refused the request: {answer?.Error ?? "no answer"}");
    }
}
