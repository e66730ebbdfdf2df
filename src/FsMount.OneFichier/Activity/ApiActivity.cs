namespace FsMount.OneFichier.Activity;

/// <summary>The client's calls of the last <see cref="WindowMinutes"/> minutes per endpoint, the pauses in force now, and the last retry.</summary>
public sealed record ApiActivity(int WindowMinutes, IReadOnlyList<EndpointCalls> Calls, IReadOnlyList<ServicePause> Pauses, CallRetry? LastRetry);
