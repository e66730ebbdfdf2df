using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace FsMount.Cli.Status;

/// <summary>Asks a running mount over its status socket: one request line, one answer line.</summary>
internal static class StatusClient
{
    // A little longer than the mount gives itself to answer (an about request may wait on the service).
    private static readonly TimeSpan s_answerTimeout = TimeSpan.FromSeconds(35);

    /// <exception cref="SocketException">Nothing answers on the socket (no mount, or a dead one), or it may not be opened.</exception>
    /// <exception cref="IOException">The answer was cut, not the protocol's, or a refusal (<see cref="MountRefusedException"/>).</exception>
    public static async Task<StatusSnapshot> AskStatusAsync(string socketPath, CancellationToken cancellationToken) =>
        (await AskAsync(socketPath, new MountRequest(MountRequest.StatusKind), cancellationToken)).Status
        ?? throw new IOException("the mount answered without its status; is it a different fsmount version?");

    /// <inheritdoc cref="AskStatusAsync"/>
    public static async Task<AccountAbout> AskAboutAsync(string socketPath, string? cacheDirectory, CancellationToken cancellationToken) =>
        (await AskAsync(socketPath, new MountRequest(MountRequest.AboutKind, cacheDirectory), cancellationToken)).About
        ?? throw new IOException("the mount answered without the account's info; is it a different fsmount version?");

    /// <inheritdoc cref="AskStatusAsync"/>
    public static async Task<RemoteUploadState> AskRemoteUploadAsync(string socketPath, MountRequest request, CancellationToken cancellationToken) =>
        (await AskAsync(socketPath, request, cancellationToken)).RemoteUpload
        ?? throw new IOException("the mount answered without the remote upload; is it a different fsmount version?");

    /// <inheritdoc cref="AskStatusAsync"/>
    public static async Task<IReadOnlyList<PathLink>> AskLinksAsync(string socketPath, string cacheDirectory, IReadOnlyList<string> paths, CancellationToken cancellationToken) =>
        (await AskAsync(socketPath, new MountRequest(MountRequest.LinkKind, cacheDirectory, Paths: paths), cancellationToken)).Links
        ?? throw new IOException("the mount answered without the links; is it a different fsmount version?");

    private static async Task<MountAnswer> AskAsync(string socketPath, MountRequest request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_answerTimeout);
        try
        {
            return await ExchangeAsync(socketPath, request, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A mount that accepts and never answers (stopped with SIGSTOP, wedged) is one line for the caller, not a crash.
            throw new IOException($"the mount did not answer within {s_answerTimeout.TotalSeconds:0} s");
        }
    }

    private static async Task<MountAnswer> ExchangeAsync(string socketPath, MountRequest request, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(request, StatusJsonContext.Default.MountRequest), cancellationToken);
        await stream.WriteAsync("\n"u8.ToArray(), cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var line = await reader.ReadLineAsync(cancellationToken) ?? throw new IOException("the mount closed the connection without an answer");
        MountAnswer? answer;
        try
        {
            answer = JsonSerializer.Deserialize(line, StatusJsonContext.Default.MountAnswer);
        }
        catch (JsonException failure)
        {
            throw new IOException("the mount's answer is not JSON; is it a different fsmount version?", failure);
        }

        return answer is { Error: null } ? answer : throw new MountRefusedException(answer?.Error ?? "no answer", answer?.OtherAccount ?? false);
    }
}
