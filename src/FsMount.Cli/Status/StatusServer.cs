using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;

namespace FsMount.Cli.Status;

/// <summary>
/// The mount's status socket: a Unix socket of mode 0600 in the user's private
/// <see cref="StatusSocketFolder"/>, answering each connection's one JSON request line with one JSON
/// answer line. Removed when disposed; a socket left by a mount that was killed is replaced.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class StatusServer : IAsyncDisposable
{
    // A remote-upload request carries its URLs.
    private const int MaxRequestBytes = 256 * 1024;
    // Long enough for an about request to wait on the service's answer, paced with the mount's other calls.
    private static readonly TimeSpan s_requestTimeout = TimeSpan.FromSeconds(30);
    private static readonly byte[] s_newLine = "\n"u8.ToArray();

    private readonly Socket _listener;
    private readonly string _path;
    private readonly Func<MountRequest?, CancellationToken, Task<MountAnswer>> _answer;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;

    private StatusServer(Socket listener, string path, Func<MountRequest?, CancellationToken, Task<MountAnswer>> answer)
    {
        _listener = listener;
        _path = path;
        _answer = answer;
        _accepting = Task.Run(AcceptAsync);
    }

    public string SocketPath => _path;

    /// <exception cref="IOException">The socket cannot be served; the message says why.</exception>
    /// <param name="answer">Answers one request (null when the line was not one); see <see cref="MountRequests"/>.</param>
    public static async Task<StatusServer> StartAsync(string mountPoint, Func<MountRequest?, CancellationToken, Task<MountAnswer>> answer, CancellationToken cancellationToken)
    {
        StatusSocketFolder.EnsurePrivate();
        var path = StatusSocketFolder.SocketFor(mountPoint);
        await RemoveIfStaleAsync(path, cancellationToken);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));

            // The folder already keeps others out; the socket's own mode says so too.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            listener.Listen();
            return new StatusServer(listener, path, answer);
        }
        catch (SocketException failure)
        {
            listener.Dispose();
            throw new IOException($"cannot serve status on {path}: {failure.Message}", failure);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Dispose();
        await _accepting;
        File.Delete(_path);
        _stopping.Dispose();
    }

    // A socket nobody answers on is what a killed mount leaves behind; a live one is another mount's.
    private static async Task RemoveIfStaleAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return;
        }

        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await probe.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
        }
        catch (SocketException failure) when (failure.SocketErrorCode == SocketError.ConnectionRefused)
        {
            File.Delete(path);
            return;
        }
        catch (SocketException failure)
        {
            // Not a socket we may use (a file in its place, no permission): the mount runs without status, it does not fail.
            throw new IOException($"cannot serve status on {path}: {failure.Message}", failure);
        }

        throw new IOException($"another running fsmount serves status on {path}");
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception failure) when (failure is OperationCanceledException or ObjectDisposedException or SocketException && _stopping.IsCancellationRequested)
            {
                return;
            }

            _ = AnswerAsync(client);
        }
    }

    private async Task AnswerAsync(Socket client)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(s_requestTimeout);
        await using var stream = new NetworkStream(client, ownsSocket: true);
        try
        {
            var line = await ReadLineAsync(stream, timeout.Token);
            var answer = await _answer(Parse(line), timeout.Token);
            await stream.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(answer, StatusJsonContext.Default.MountAnswer), timeout.Token);
            await stream.WriteAsync(s_newLine, timeout.Token);
        }
        catch (Exception failure) when (failure is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client left or was too slow, or the mount is ending: the client's loss alone.
        }
    }

    private static MountRequest? Parse(string? line)
    {
        try
        {
            return line is null ? null : JsonSerializer.Deserialize(line, StatusJsonContext.Default.MountRequest);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<string?> ReadLineAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxRequestBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                break;
            }

            var end = Array.IndexOf(buffer, (byte)'\n', length, read);
            length += read;
            if (end >= 0)
            {
                return Encoding.UTF8.GetString(buffer, 0, end);
            }
        }

        return length == 0 ? null : Encoding.UTF8.GetString(buffer, 0, length);
    }
}
