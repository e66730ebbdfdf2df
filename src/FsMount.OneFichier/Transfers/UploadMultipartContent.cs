using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using FsMount.Core.Remote;

namespace FsMount.OneFichier.Transfers;

/// <summary>
/// The <c>upload.cgi</c> body, written by hand because the service is strict where .NET's
/// <see cref="MultipartFormDataContent"/> is not: the boundary is not quoted, file names are quoted,
/// text parts carry no content type, and the exact <c>Content-Length</c> is known up front
/// (docs/onefichier-api.md section 4). The <c>did</c> field comes first, then one <c>file[]</c> part per
/// item; each item is opened when its part is written and disposed right after, so one source is open at a
/// time and nothing is buffered whole.
/// </summary>
internal sealed class UploadMultipartContent : HttpContent
{
    private const int CopyBufferSize = 1 << 20;

    private static readonly byte[] s_partEnd = "\r\n"u8.ToArray();

    private readonly IReadOnlyList<UploadItem> _items;
    private readonly IProgress<long>? _progress;
    private readonly byte[] _head;
    private readonly byte[][] _partHeads;
    private readonly byte[] _tail;
    private readonly long _length;

    /// <param name="items">The files, named as the service stores them (already encoded), each with its content.</param>
    /// <param name="progress">Receives the bytes of file content sent so far, across all the items.</param>
    public UploadMultipartContent(long folderId, IReadOnlyList<UploadItem> items, IProgress<long>? progress)
    {
        _items = items;
        _progress = progress;
        var boundary = "----FsMount" + Guid.NewGuid().ToString("N");
        _head = Encoding.UTF8.GetBytes(
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"did\"\r\n\r\n{folderId.ToString(CultureInfo.InvariantCulture)}\r\n");
        _partHeads = items
            .Select(item => Encoding.UTF8.GetBytes(
                $"--{boundary}\r\nContent-Disposition: form-data; name=\"file[]\"; filename=\"{item.Name}\"\r\n" +
                "Content-Type: application/octet-stream\r\n\r\n"))
            .ToArray();
        _tail = Encoding.UTF8.GetBytes($"--{boundary}--\r\n");
        _length = _head.Length + _partHeads.Sum(head => (long)head.Length + s_partEnd.Length) + items.Sum(item => item.Length) + _tail.Length;
        Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");
        Headers.ContentLength = _length;
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
            for (var i = 0; i < _items.Count; i++)
            {
                await stream.WriteAsync(_partHeads[i], cancellationToken).ConfigureAwait(false);
                sent = await CopyItemAsync(_items[i], stream, buffer, sent, cancellationToken).ConfigureAwait(false);
                await stream.WriteAsync(s_partEnd, cancellationToken).ConfigureAwait(false);
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
        length = _length;
        return true;
    }

    /// <summary>Writes exactly the item's length from its content; returns the content bytes sent by the whole request.</summary>
    private async Task<long> CopyItemAsync(UploadItem item, Stream target, byte[] buffer, long sentBefore, CancellationToken cancellationToken)
    {
        var source = item.OpenContent!();
        await using (source.ConfigureAwait(false))
        {
            long copied = 0;
            while (copied < item.Length)
            {
                var wanted = (int)Math.Min(buffer.Length, item.Length - copied);
                var read = await source.ReadAsync(buffer.AsMemory(0, wanted), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException($"The upload source of '{item.Name}' ended after {copied} of {item.Length} bytes.");
                }

                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                copied += read;
                _progress?.Report(sentBefore + copied);
            }
        }

        return sentBefore + item.Length;
    }
}
