namespace FsMount.Emulator.Remote;

/// <summary>What became of one URL of a remote upload: the file it was stored as (<see cref="FileShortId"/>), or why not.</summary>
internal sealed record RemoteUploadResult(Uri Url, string? FileShortId, string Message)
{
    public bool Succeeded => FileShortId is not null;
}
