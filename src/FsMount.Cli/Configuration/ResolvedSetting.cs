namespace FsMount.Cli.Configuration;

/// <summary>A setting's value and where it came from ("--cache-max-size", "FSMOUNT_cacheMaxSize in the environment", ...).</summary>
internal sealed record ResolvedSetting(string Value, string Source);
