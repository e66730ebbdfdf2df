namespace FsMount.EndToEnd.Tests.Functional;

/// <summary>open(2)'s flags, as Linux numbers them on x86-64 and arm64.</summary>
internal static class OpenFlags
{
    public const uint ReadOnly = 0x0;
    public const uint WriteOnly = 0x1;
    public const uint ReadWrite = 0x2;
    public const uint Create = 0x40;
    public const uint Exclusive = 0x80;
    public const uint Truncate = 0x200;
    public const uint Append = 0x400;
    public const uint CloseOnExec = 0x80000;
}
