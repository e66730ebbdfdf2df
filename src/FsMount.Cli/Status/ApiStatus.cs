using FsMount.OneFichier.Activity;

namespace FsMount.Cli.Status;

/// <summary>API calls per endpoint over the last <see cref="WindowMinutes"/> minutes, and the pauses the service imposes now.</summary>
internal sealed record ApiStatus(int WindowMinutes, IReadOnlyList<EndpointCalls> Calls, IReadOnlyList<ServicePause> Pauses);
