using FsMount.Fuse.Protocol;

namespace FsMount.Fuse.Dispatch;

/// <summary>
/// The handler of each opcode, indexed by its number. An empty slot means ENOSYS, which covers
/// opcodes newer than this code (STATX 52, COPY_FILE_RANGE_64 53, ...).
/// </summary>
internal sealed class OpcodeTable
{
    private const int Capacity = 64;

    private readonly FuseHandler?[] _handlers = new FuseHandler?[Capacity];
    private readonly int[] _minimumBodyLengths = new int[Capacity];

    /// <param name="errorOf">Turns an exception that escaped a handler into the errno its request is answered with.</param>
    public OpcodeTable(Func<Exception, FuseOpcode, LinuxErrno> errorOf)
    {
        ErrorOf = errorOf;
    }

    public Func<Exception, FuseOpcode, LinuxErrno> ErrorOf { get; }

    /// <param name="minimumBodyLength">Shorter bodies are answered EINVAL before the handler runs.</param>
    public void Register(FuseOpcode opcode, int minimumBodyLength, FuseHandler handler)
    {
        _handlers[(int)opcode] = handler;
        _minimumBodyLengths[(int)opcode] = minimumBodyLength;
    }

    public bool TryGet(uint opcode, out FuseHandler handler, out int minimumBodyLength)
    {
        if (opcode < Capacity && _handlers[opcode] is { } found)
        {
            handler = found;
            minimumBodyLength = _minimumBodyLengths[opcode];
            return true;
        }

        handler = null!;
        minimumBodyLength = 0;
        return false;
    }
}
