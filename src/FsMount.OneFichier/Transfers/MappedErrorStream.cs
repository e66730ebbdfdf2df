using FsMount.Core.Remote;
using FsMount.OneFichier.Errors;

namespace FsMount.OneFichier.Transfers;

/// <summary>
/// A download stream as the core reads it: a failure of the service while the stream resumes (the
/// file was deleted meanwhile, the key was refused) surfaces as the <see cref="RemoteDriveException"/>
/// the error table gives, as every other call of the drive does, instead of a client exception the
/// core does not know.
/// </summary>
internal sealed class MappedErrorStream : ForwardReadStream
{
    private readonly Stream _inner;

    public MappedErrorStream(Stream inner)
    {
        _inner = inner;
    }

    public override long Length => _inner.Length;

    protected override long Delivered => _inner.Position;

    protected override Stream Body => _inner;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (OneFichierException e)
        {
            throw OneFichierErrorMapper.ToRemoteDriveException(e);
        }
    }
}
