namespace FsMount.OneFichier.Wire;

/// <summary>The empty JSON object some calls send (<c>user/info.cgi</c>).</summary>
internal sealed record EmptyRequest;
