namespace FsMount.WinFsp.Tests.Support;

/// <summary>NtCreateFile's dispositions (the top byte of WinFsp's CreateOptions).</summary>
internal enum Disposition : uint
{
    Open = 1,
    Create = 2,
    OpenIf = 3,
    OverwriteIf = 5,
}
