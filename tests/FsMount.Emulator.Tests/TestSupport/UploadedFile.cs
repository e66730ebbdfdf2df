namespace FsMount.Emulator.Tests.TestSupport;

/// <summary>One link of an <c>end.pl</c> report.</summary>
internal sealed record UploadedFile(string Url, string FileName, string Size, string Whirlpool)
{
    public string ShortId => Url[(Url.LastIndexOf('?') + 1)..];
}
