namespace FsMount.Core.Vfs;

/// <summary>renameat2(2)'s flags, in platform-neutral terms.</summary>
public enum RenameOptions
{
    /// <summary>Replace an existing target (POSIX rename; Windows' ReplaceIfExists).</summary>
    Replace,

    /// <summary>Fail with <see cref="Errors.FsError.Exists"/> when the target exists.</summary>
    NoReplace,

    /// <summary>Swap two existing entries atomically: not something the service can do.</summary>
    Exchange,
}
