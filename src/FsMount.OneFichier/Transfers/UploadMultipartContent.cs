using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace FsMount.OneFichier.Transfers;

/// <summary>
/// The <c>upload.cgi</c> body, written by hand because the service is strict where .NET's
/// <see cref="MultipartFormDataContent"/> is not: the boundary is not quoted, the file name is quoted,
/// text parts carry no content type, and the exact <c>Content-Length</c> is known up front
/// (docs/onefichier-api.md section 4). The file is streamed, never buffered whole.
/// </summary>
internal sealed class UploadMultipartContent : HttpContent
{
    private const int CopyBufferSize = 1 << 20;

    private readonly Stream _source;
    private readonly long _length;
    private readonly IProgress<long>? _progress;
    private readonly byte[] _head;
    private readonly byte[] _tail;

    public UploadMultipartContent(long folderId, string encodedName, Stream source, long length, IProgress<long>? progress)
    {
        _source = source;
        _length = length;
        _progress = progress;
        var boundary = "----FsMount" + Guid.NewGuid().ToString("N");
        _head = Encoding.UTF8.GetBytes(
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"did\"\r\n\r\n{folderId.ToString(CultureInfo.InvariantCulture)}\r\n" +
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"file[]\"; filename=\"{encodedName}\"\r\n" +
            "Content-Type: application/octet-stream\r\n\r\n");
        _tail = Encoding.UTF8.GetBytes($"\r\n--{boundary}--\r\n");
        Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");
        Headers.ContentLength = _head.Length + length + _tail.Length;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(_head, cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            long sent = 0;
            while (sent < _length)
            {
                var wanted = (int)Math.Min(buffer.Length, _length - sent);
                var read = await _source.ReadAsync(buffer.AsMemory(0, wanted), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException($"The upload source ended after {sent} of {_length} bytes.");
                }

                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                sent += read;
                _progress?.Report(sent);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        await stream.WriteAsync(_tail, cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _head.Length + _length + _tail.Length;
        return true;
    }
}
