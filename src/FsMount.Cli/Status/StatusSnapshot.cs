namespace FsMount.Cli.Status;

/// <summary>What a running mount is doing, at <see cref="TakenAt"/>: the answer to a <c>status</c> request and what <c>fsmount status --json</c> prints.</summary>
internal sealed record StatusSnapshot(
    string MountPoint,
    string Source,
    int ProcessId,
    DateTimeOffset StartedAt,
    DateTimeOffset TakenAt,
    double UptimeSeconds,
    UploadsStatus Uploads,
    CacheStatus Cache,
    ApiStatus Api,
    IReadOnlyList<RecentProblem> RecentProblems);
