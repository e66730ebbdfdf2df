using System.Security.Cryptography;

namespace FsMount.EndToEnd.Tests.Model;

/// <summary>What a folder holds, as plain lines to compare: every entry's relative path and kind, with each file's size (and, when asked, a hash of its bytes).</summary>
internal static class TreeSnapshot
{
    public static IReadOnlyList<string> Of(string root, bool withContent)
    {
        var lines = new List<string>();
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, entry.FullName);
            lines.Add(entry switch
            {
                DirectoryInfo => $"d {relative}",
                FileInfo file when withContent => $"f {relative} {file.Length} {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file.FullName)))}",
                FileInfo file => $"f {relative} {file.Length}",
                _ => $"? {relative}",
            });
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
