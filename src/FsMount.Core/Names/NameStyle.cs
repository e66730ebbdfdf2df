namespace FsMount.Core.Names;

/// <summary>
/// How remote names are shown to the operating system, and how a name it gives for a new entry
/// becomes a remote name. Chosen by the adapter (<see cref="FsMountOptions.NameStyle"/>), applied by
/// the core, so both adapters serve one namespace with no naming code of their own.
/// </summary>
public enum NameStyle
{
    /// <summary>
    /// Linux: names are shown as they are, except what no POSIX directory can hold (a slash, a NUL,
    /// "." and ".."; see <see cref="PosixNames"/>); a new name is used as it is.
    /// </summary>
    Posix,

    /// <summary>
    /// Windows: what Windows forbids in a name is shown with a reversible substitute (see
    /// <see cref="WindowsNames"/>), and a new name is decoded back, so a name shown in Explorer and
    /// written back through it reaches the service unchanged.
    /// </summary>
    Windows,
}
