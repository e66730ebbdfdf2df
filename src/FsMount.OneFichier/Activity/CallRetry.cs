namespace FsMount.OneFichier.Activity;

/// <summary>A call that failed and is sent again: which, the how-manieth time, after how long, and why.</summary>
public sealed record CallRetry(string Endpoint, int Attempt, TimeSpan Delay, string Reason, DateTimeOffset At);
