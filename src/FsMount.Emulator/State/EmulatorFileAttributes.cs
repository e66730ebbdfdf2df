namespace FsMount.Emulator.State;

/// <summary>The settable attributes of a file (<c>file/chattr.cgi</c>).</summary>
internal sealed record EmulatorFileAttributes(string Description, string Password, bool Inline, bool NoSsl, bool Cdn, string AclJson)
{
    public static EmulatorFileAttributes Default { get; } = new(string.Empty, string.Empty, false, false, false, EmptyAcl);

    public const string EmptyAcl = """{"ip":[],"country":[],"email":[],"premium":0}""";

    public bool HasPassword => Password.Length > 0;

    public bool HasAcl => AclJson != EmptyAcl;
}
