using FsMount.Emulator.State;

namespace FsMount.Emulator.Endpoints;

/// <summary>One <c>file[]</c> part of an upload, received into a temp body but not yet stored.</summary>
internal sealed class ReceivedFile
{
    public ReceivedFile(string name, TempBlob body)
    {
        Name = name;
        Body = body;
    }

    public string Name { get; }

    public TempBlob Body { get; }

    public long Size { get; set; }

    public string Checksum { get; set; } = string.Empty;
}
