namespace FsMount.Cli.Status;

/// <summary>A warning or error the mount logged, with its time.</summary>
internal sealed record RecentProblem(DateTimeOffset Time, string Level, string Message);
