namespace FsMount.Emulator.State;

/// <summary>An issued download token: which file, whether <c>single</c> was asked, when issued and first used.</summary>
internal sealed record DownloadToken(string FileId, bool Single, DateTimeOffset Issued)
{
    public DateTimeOffset? FirstUse { get; set; }
}
