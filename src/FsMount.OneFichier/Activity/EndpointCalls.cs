namespace FsMount.OneFichier.Activity;

/// <summary>Calls to one endpoint (e.g. <c>folder/ls.cgi</c>) over the last few minutes, and how many of them failed after their retries.</summary>
public sealed record EndpointCalls(string Endpoint, long Calls, long Failures);
