namespace FsMount.OneFichier.Activity;

/// <summary>A wait the service imposes on us: what waits, why, and until when.</summary>
public sealed record ServicePause(string What, string Why, DateTimeOffset Until);
