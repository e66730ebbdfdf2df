namespace FsMount.OneFichier.Wire;

/// <summary>The part every answer may share: <c>status</c> (OK/KO) and <c>message</c>.</summary>
internal sealed record ApiEnvelope(
    string? Status,
    string? Message);
