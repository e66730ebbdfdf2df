namespace FsMount.OneFichier.Activity;

/// <summary>The client's calls of the last <see cref="WindowMinutes"/> minutes per endpoint, and the pauses in force now.</summary>
public sealed record ApiActivity(int WindowMinutes, IReadOnlyList<EndpointCalls> Calls, IReadOnlyList<ServicePause> Pauses);
