using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using FsMount.Emulator;
using FsMount.Emulator.Hashing;
using FsMount.EndToEnd.Tests.Functional;
using FsMount.Fuse.Protocol;
using FsMount.Testing;

namespace FsMount.EndToEnd.Tests;

/// <summary>
/// The service's facts about each file (link, Whirlpool, MIME type, upload date) as extended attributes
/// of a real mount over the emulator, and the <c>link</c>, <c>info</c> and <c>verify</c> commands that
/// read them: equal to what the API reports, and free (the emulator counts no call for reading them).
/// </summary>
public sealed class ServiceAttributeMountTests
{
    private const string Url = "user.fichier.url";
    private const string Whirlpool = "user.fichier.whirlpool";
    private const string ContentType = "user.fichier.content_type";
    private const string Uploaded = "user.fichier.uploaded";
    private static readonly TimeSpan s_commandTimeout = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_listed_file_shows_what_the_api_reports_and_the_commands_read_it_without_a_call()
    {
        FuseAvailability.RequireOrSkip();
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, cancellationToken);
        var local = Path.Combine(account.CreateDirectory("local"), "report.pdf");
        await File.WriteAllBytesAsync(local, RandomBytes(300_000), cancellationToken);
        var uploaded = await account.Client.UploadFileAsync(local, 0, "report.pdf", progress: null, cancellationToken);
        var reported = await account.Client.GetFileInfoAsync(uploaded.Url, cancellationToken);
        var other = Path.Combine(account.WorkDirectory, "other.pdf");
        await File.WriteAllBytesAsync(other, RandomBytes(300_000), cancellationToken);
        var mountPoint = account.CreateDirectory("mnt");
        await using var mount = await FsMountProcess.StartAsync(mountPoint, account.FastEnvironment, account.MountArguments());
        var mounted = Path.Combine(mountPoint, "report.pdf");
        Assert.True(File.Exists(mounted));
        var callsBefore = await account.AllCallsAsync(cancellationToken);

        Assert.Equal([Url, Whirlpool, ContentType, Uploaded], ListAttributes(mounted));
        Assert.Equal(reported.Url, GetAttribute(mounted, Url));
        Assert.Equal(WhirlpoolOf(local), GetAttribute(mounted, Whirlpool));
        Assert.Equal(reported.Checksum, GetAttribute(mounted, Whirlpool), ignoreCase: true);
        Assert.Equal("application/pdf", GetAttribute(mounted, ContentType));
        Assert.Equal(reported.ContentType, GetAttribute(mounted, ContentType));
        AssertParisTime(reported.Date, GetAttribute(mounted, Uploaded));
        Assert.Equal(LinuxErrno.EPERM, SetAttribute(mounted, Url, "https://example.invalid/"));
        Assert.Equal(LinuxErrno.ENOTSUP, SetAttribute(mounted, "user.comment", "x"));
        Assert.Empty(ListAttributes(mountPoint));

        var link = await RunAsync(account, "link", mounted);
        Assert.Equal((0, reported.Url + "\n"), (link.ExitCode, link.OutputText));
        var links = await RunAsync(account, "link", mounted, mounted);
        Assert.Equal($"{mounted}\t{reported.Url}\n{mounted}\t{reported.Url}\n", links.OutputText);
        var info = await RunAsync(account, "info", mounted);
        Assert.Equal(0, info.ExitCode);
        Assert.Contains("size:          300000 bytes", info.OutputText, StringComparison.Ordinal);
        Assert.Contains($"whirlpool:     {WhirlpoolOf(local)}", info.OutputText, StringComparison.Ordinal);
        Assert.Contains($"link:          {reported.Url}", info.OutputText, StringComparison.Ordinal);
        Assert.Contains("content type:  application/pdf", info.OutputText, StringComparison.Ordinal);
        var same = await RunAsync(account, "verify", local, mounted);
        Assert.Equal(0, same.ExitCode);
        Assert.StartsWith("same: ", same.OutputText, StringComparison.Ordinal);
        var different = await RunAsync(account, "verify", other, mounted);
        Assert.Equal(1, different.ExitCode);
        Assert.StartsWith("different: ", different.OutputText, StringComparison.Ordinal);
        Assert.Single(different.OutputText.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(callsBefore, await account.AllCallsAsync(cancellationToken));
    }

    [Fact]
    public async Task Paths_that_are_not_files_of_a_mount_are_refused_in_one_line()
    {
        FuseAvailability.RequireOrSkip();
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, cancellationToken);
        var local = Path.Combine(account.CreateDirectory("local"), "notes.txt");
        await File.WriteAllTextAsync(local, "not on a mount", cancellationToken);
        var mountPoint = account.CreateDirectory("mnt");
        await using var mount = await FsMountProcess.StartAsync(mountPoint, account.FastEnvironment, account.MountArguments());

        foreach (var command in new[] { "link", "info" })
        {
            var refused = await RunAsync(account, command, local);
            Assert.Equal(1, refused.ExitCode);
            Assert.Equal($"fsmount: {local} is not on an fsmount mount; give a path inside a running mount (see: fsmount mount --help)\n", refused.Error);
        }

        var verify = await RunAsync(account, "verify", local, local);
        Assert.Equal(2, verify.ExitCode);
        Assert.Contains("is not on an fsmount mount", verify.Error, StringComparison.Ordinal);
        var folder = await RunAsync(account, "link", mountPoint);
        Assert.Equal((1, $"fsmount: {mountPoint} is a folder; give a file (the service gives folders no link)\n"), (folder.ExitCode, folder.Error));
        var missing = await RunAsync(account, "info", Path.Combine(mountPoint, "missing"));
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_written_through_the_mount_has_no_link_until_its_upload_then_has_the_services_values()
    {
        FuseAvailability.RequireOrSkip();
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, cancellationToken);
        var local = Path.Combine(account.CreateDirectory("local"), "photo.jpg");
        await File.WriteAllBytesAsync(local, RandomBytes(200_000), cancellationToken);
        var mountPoint = account.CreateDirectory("mnt");
        await using var mount = await FsMountProcess.StartAsync(mountPoint, account.FastEnvironment, account.MountArguments("--write-back", "1s"));
        var mounted = Path.Combine(mountPoint, "photo.jpg");

        File.Copy(local, mounted);
        Assert.Empty(ListAttributes(mounted));
        var pending = await RunAsync(account, "link", mounted);
        Assert.Equal(1, pending.ExitCode);
        Assert.Contains("has no link yet", pending.Error, StringComparison.Ordinal);

        await Eventually.TrueAsync(() => ListAttributes(mounted).Contains(Url), "the uploaded file shows its link");
        var listing = await account.Client.ListFolderAsync(0, cancellationToken);
        var landed = Assert.Single(listing.Items!, item => item.Filename == "photo.jpg");
        Assert.Equal(landed.Url, GetAttribute(mounted, Url));
        Assert.Equal(WhirlpoolOf(local), GetAttribute(mounted, Whirlpool));
        AssertParisTime(landed.Date, GetAttribute(mounted, Uploaded));
        Assert.Equal(0, (await RunAsync(account, "verify", local, mounted)).ExitCode);
    }

    private static Task<ProcessResult> RunAsync(EmulatedAccount account, params string[] arguments) =>
        ChildProcess.RunAsync(s_commandTimeout, FsMountProcess.CreateStartInfo(account.KeyEnvironment, arguments));

    // The service's time zone is Paris: the value is the same instant, with Paris's offset then (within the
    // second the service's dates keep).
    private static void AssertParisTime(DateTimeOffset expected, string? shown)
    {
        Assert.NotNull(shown);
        var parsed = DateTimeOffset.ParseExact(shown, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        Assert.Equal(paris.GetUtcOffset(parsed), parsed.Offset);
        Assert.True((parsed - expected).Duration() <= TimeSpan.FromSeconds(1), $"{shown} is not {expected:O}");
    }

    private static string WhirlpoolOf(string path)
    {
        var hasher = new WhirlpoolHasher();
        hasher.Append(File.ReadAllBytes(path));
        var hash = new byte[WhirlpoolHasher.HashSizeInBytes];
        hasher.Finish(hash);
        return Convert.ToHexStringLower(hash);
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private static unsafe string[] ListAttributes(string path)
    {
        var list = stackalloc byte[4096];
        var length = PosixCalls.ListAttributes(path, list, 4096);
        Assert.True(length >= 0, $"listxattr {path}: {(LinuxErrno)Marshal.GetLastPInvokeError()}");
        return Encoding.UTF8.GetString(list, (int)length).Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }

    // Asked with size 0 first, as getfattr does, then read into a buffer of exactly that size.
    private static unsafe string? GetAttribute(string path, string name)
    {
        var size = PosixCalls.GetAttribute(path, name, null, 0);
        if (size < 0)
        {
            Assert.Equal(LinuxErrno.ENODATA, (LinuxErrno)Marshal.GetLastPInvokeError());
            return null;
        }

        var value = new byte[size];
        fixed (byte* buffer = value)
        {
            Assert.True(PosixCalls.GetAttribute(path, name, buffer, (nuint)size - 1) < 0, "a buffer one byte short was filled");
            Assert.Equal(LinuxErrno.ERANGE, (LinuxErrno)Marshal.GetLastPInvokeError());
            Assert.Equal(size, PosixCalls.GetAttribute(path, name, buffer, (nuint)size));
        }

        return Encoding.UTF8.GetString(value);
    }

    private static LinuxErrno SetAttribute(string path, string name, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        return PosixCalls.SetAttribute(path, name, bytes, (nuint)bytes.Length, 0) < 0 ? (LinuxErrno)Marshal.GetLastPInvokeError() : LinuxErrno.None;
    }
}
