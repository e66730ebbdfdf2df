namespace FsMount.Core.Vfs;

/// <summary>What access(2) (or an adapter's own check) asks a node for; <see cref="None"/> asks only whether it exists.</summary>
[Flags]
public enum AccessModes
{
    None = 0,
    Read = 1,
    Write = 2,

    /// <summary>Run a file, or search a directory.</summary>
    Execute = 4,
}
