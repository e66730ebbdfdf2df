using FsMount.WinFsp.Native;

namespace FsMount.WinFsp;

/// <summary>What Create and Open answer: a status, and on success the open's context, the file's info and its path in its true case.</summary>
internal readonly record struct OpenResult(int Status, FileContext? Context, FspFileInfo Info, string? NormalizedName)
{
    public static OpenResult Failed(int status) => new(status, null, default, null);
}
