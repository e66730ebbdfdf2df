namespace FsMount.Emulator.State;

/// <summary>A folder of the account; the root has id 0 and no parent.</summary>
internal sealed record EmulatorFolder(long Id, long? ParentId, string Name, DateTimeOffset Created)
{
    public const long RootId = 0;

    public bool IsRoot => Id == RootId;
}
