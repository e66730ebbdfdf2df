namespace FsMount.WinFsp;

/// <summary>WinFsp's file names: paths from the volume root with a leading backslash (<c>\dir\file</c>; the root is <c>\</c>).</summary>
internal static class WindowsPath
{
    public const char Separator = '\\';

    public static string[] Split(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Split(Separator, StringSplitOptions.RemoveEmptyEntries);
    }

    public static string Join(IEnumerable<string> names) => Separator + string.Join(Separator, names);
}
