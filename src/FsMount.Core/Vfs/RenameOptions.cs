namespace FsMount.Core.Vfs;

/// <summary>renameat2(2)'s flags, in platform-neutral terms.</summary>
public enum RenameOptions
{
    /// <summary>Replace an existing target, an empty directory included (POSIX rename).</summary>
    Replace,

    /// <summary>
    /// Replace an existing file, never a directory: <see cref="Errors.FsError.NotPermitted"/> then
    /// (Windows' ReplaceIfExists, whose answer there is "access denied").
    /// </summary>
    ReplaceFile,

    /// <summary>Fail with <see cref="Errors.FsError.Exists"/> when the target exists.</summary>
    NoReplace,

    /// <summary>Swap two existing entries atomically: not something the service can do.</summary>
    Exchange,
}
