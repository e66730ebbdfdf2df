using System.Text.RegularExpressions;
using FsMount.Testing;

namespace FsMount.EndToEnd.Tests;

/// <summary>
/// <c>fsmount mount -v</c> shows what it promises: one line per FUSE request (opcode, node, result,
/// duration) and one per API call, and no stack traces.
/// </summary>
public sealed class VerboseMountTests
{
    private static readonly IReadOnlyDictionary<string, string> s_noKey = new Dictionary<string, string>();

    [Fact]
    public async Task Verbose_shows_one_line_per_request_and_per_api_call_without_stack_traces()
    {
        FuseAvailability.RequireOrSkip();
        var work = Directory.CreateTempSubdirectory("fsmount-verbose-").FullName;
        try
        {
            var mountPoint = Directory.CreateDirectory(Path.Combine(work, "mnt")).FullName;
            string output;
            await using (var mount = await FsMountProcess.StartAsync(mountPoint, s_noKey, "--emulator", Path.Combine(work, "account"), "-v"))
            {
                await ChildProcess.OutputOfAsync("ls", "-l", mountPoint);
                await ChildProcess.RunAsync("stat", Path.Combine(mountPoint, "missing.txt"));
                var welcome = await ChildProcess.OutputOfAsync("cat", Path.Combine(mountPoint, "Welcome to FsMount.txt"));
                Assert.Contains("emulated 1fichier.com account", welcome, StringComparison.Ordinal);
                Assert.Equal(0, await mount.StopAsync());
                output = mount.Output;
            }

            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(lines.Any(l => RequestLine("Lookup").IsMatch(l) && l.Contains(": ENOENT", StringComparison.Ordinal)), output);
            Assert.True(lines.Any(l => RequestLine("Open").IsMatch(l)), output);
            Assert.True(lines.Any(l => RequestLine("Read").IsMatch(l)), output);
            Assert.True(lines.Any(l => RequestLine("ReadDir(Plus)?").IsMatch(l)), output);
            Assert.True(lines.Any(l => l.Contains("1fichier folder/ls.cgi: OK in ", StringComparison.Ordinal)), output);
            Assert.False(lines.Any(l => l.Contains("   at ", StringComparison.Ordinal)), output);

            // An event is one line: no message continues on a line of its own.
            Assert.False(lines.Any(l => l.StartsWith(' ')), output);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static Regex RequestLine(string opcode) =>
        new($@"FUSE {opcode} node=\d+ unique=\d+: (OK|E[A-Z]+( \(negative entry\))?|no reply) in [0-9.]+ ms$", RegexOptions.CultureInvariant);
}
