namespace FsMount.Fuse.Protocol;

/// <summary>
/// What to answer a kernel's INIT: <see cref="Reply"/>'s first <see cref="Length"/> bytes, or EPROTO
/// when <see cref="Refused"/>. A reply that is not <see cref="Final"/> only names our version: the
/// kernel, which speaks a newer major, sends a second INIT in it.
/// </summary>
internal readonly record struct InitAnswer(InitOut Reply, int Length, bool Final)
{
    public bool Refused => Length == 0;

    public static InitAnswer Refuse => default;
}
