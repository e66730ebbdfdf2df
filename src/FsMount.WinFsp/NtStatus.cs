namespace FsMount.WinFsp;

/// <summary>The NTSTATUS values FsMount answers with (ntstatus.h), named once.</summary>
internal static class NtStatus
{
    public const int Success = 0;
    public const int Pending = 0x00000103;
    public const int BufferOverflow = unchecked((int)0x80000005);
    public const int InvalidHandle = unchecked((int)0xC0000008);
    public const int InvalidParameter = unchecked((int)0xC000000D);
    public const int InvalidDeviceRequest = unchecked((int)0xC0000010);
    public const int EndOfFile = unchecked((int)0xC0000011);
    public const int AccessDenied = unchecked((int)0xC0000022);
    public const int NonexistentEaEntry = unchecked((int)0xC0000051);
    public const int ObjectNameInvalid = unchecked((int)0xC0000033);
    public const int ObjectNameNotFound = unchecked((int)0xC0000034);
    public const int ObjectNameCollision = unchecked((int)0xC0000035);
    public const int ObjectPathNotFound = unchecked((int)0xC000003A);
    public const int DiskFull = unchecked((int)0xC000007F);
    public const int MediaWriteProtected = unchecked((int)0xC00000A2);
    public const int FileIsADirectory = unchecked((int)0xC00000BA);
    public const int NotSupported = unchecked((int)0xC00000BB);
    public const int UnexpectedIoError = unchecked((int)0xC00000E9);
    public const int DirectoryNotEmpty = unchecked((int)0xC0000101);
    public const int NotADirectory = unchecked((int)0xC0000103);
    public const int NameTooLong = unchecked((int)0xC0000106);
    public const int Cancelled = unchecked((int)0xC0000120);
    public const int FileTooLarge = unchecked((int)0xC0000904);

    public static bool IsError(int status) => status < 0;
}
