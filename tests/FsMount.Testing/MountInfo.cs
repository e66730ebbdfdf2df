namespace FsMount.Testing;

/// <summary>What /proc/self/mountinfo says is mounted where (mount points without octal escapes).</summary>
public static class MountInfo
{
    public static bool IsMounted(string path) => EntryFor(path) is not null;

    /// <summary>The last mountinfo line for <paramref name="path"/> (the mount a lookup reaches), or null.</summary>
    public static string? EntryFor(string path) =>
        File.ReadLines("/proc/self/mountinfo").LastOrDefault(line => line.Split(' ') is { Length: > 4 } fields && fields[4] == path);
}
