using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using FsMount.Fuse.Native;
using FsMount.Fuse.Protocol;

namespace FsMount.Fuse.Transport;

/// <summary>
/// Mounts and unmounts without root through <c>fusermount3</c> (setuid root, in the fuse3 package):
/// it opens /dev/fuse as the calling user, mounts, and hands the descriptor back over a socket whose
/// number is in <c>_FUSE_COMMFD</c>, as one byte carrying an SCM_RIGHTS message. As libfuse does.
/// </summary>
internal static unsafe class Fusermount
{
    private const string ProgramName = "fusermount3";
    private const int MSG_CMSG_CLOEXEC = 0x40000000;
    private static readonly string[] s_fallbackDirectories = ["/usr/bin", "/bin", "/usr/local/bin"];
    private static readonly Lock s_spawn = new();

    /// <summary>The fusermount3 program, from PATH or its usual places; null when fuse3 is not installed.</summary>
    public static string? Find() => Find(
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(s_fallbackDirectories));

    public static string Require() => Require(Find());

    /// <summary>The program found, or the one line that says how to get it.</summary>
    internal static string Require(string? found) => found ?? throw new FuseMountException(
        $"mounting as a normal user needs {ProgramName}, from the fuse3 package (apt install fuse3), or run as root");

    internal static string? Find(IEnumerable<string> directories) =>
        directories.Select(directory => Path.Combine(directory, ProgramName)).FirstOrDefault(File.Exists);

    /// <summary>Mounts <paramref name="fullPath"/> with the <c>-o</c> <paramref name="options"/>; returns the /dev/fuse descriptor.</summary>
    public static int Mount(string fullPath, string options)
    {
        var program = Require();
        var pair = stackalloc int[2];
        if (Libc.SocketPair(Libc.AF_UNIX, Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC, 0, pair) != 0)
        {
            throw new FuseMountException($"Cannot mount on {fullPath}: socketpair failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        var (ours, theirs) = (pair[0], pair[1]);
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "-o", options, "--", fullPath })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["_FUSE_COMMFD"] = theirs.ToString(CultureInfo.InvariantCulture);
            Process process;
            lock (s_spawn)
            {
                // Only fusermount3 inherits its end; once it runs, ours must be the only one left in
                // this process, so a failure reads as end-of-file instead of waiting for ever.
                _ = Libc.Fcntl(theirs, Libc.F_SETFD, 0);
                process = Process.Start(start) ?? throw new FuseMountException($"Cannot start {program}");
                _ = Libc.Close(theirs);
                theirs = -1;
            }

            using (process)
            {
                var fd = ReceiveDescriptor(ours);
                var error = process.StandardError.ReadToEnd().Trim();
                process.WaitForExit();
                if (fd >= 0 && process.ExitCode == 0)
                {
                    return fd;
                }

                if (fd >= 0)
                {
                    _ = Libc.Close(fd);
                }

                throw new FuseMountException(Failure(fullPath, error, process.ExitCode));
            }
        }
        finally
        {
            _ = Libc.Close(ours);
            if (theirs >= 0)
            {
                _ = Libc.Close(theirs);
            }
        }
    }

    /// <summary>Unmounts lazily (<c>fusermount3 -u -z</c>); false with fusermount3's message when it refused.</summary>
    public static bool Unmount(string fullPath, out string error)
    {
        var start = new ProcessStartInfo(Require()) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-u", "-z", "--", fullPath })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new FuseMountException($"Cannot start {ProgramName}");
        error = Unprefixed(process.StandardError.ReadToEnd().Trim());
        process.WaitForExit();
        return process.ExitCode == 0;
    }

    private static int ReceiveDescriptor(int socket)
    {
        byte data;
        var control = stackalloc byte[ControlMessageHeader.SpaceForOneDescriptor];
        var vector = new IoVector { Base = &data, Length = 1 };
        var message = new MessageHeader { IoVectors = &vector, IoVectorCount = 1, Control = control, ControlLength = ControlMessageHeader.SpaceForOneDescriptor };
        nint received;
        do
        {
            received = Libc.ReceiveMessage(socket, &message, MSG_CMSG_CLOEXEC);
        }
        while (received < 0 && (LinuxErrno)Marshal.GetLastPInvokeError() == LinuxErrno.EINTR);

        var header = (ControlMessageHeader*)control;
        var headerLength = sizeof(ControlMessageHeader);
        if (received <= 0 || message.ControlLength < (nuint)(headerLength + sizeof(int))
            || header->Level != Libc.SOL_SOCKET || header->Type != Libc.SCM_RIGHTS)
        {
            // End of file: fusermount3 failed and said why on stderr.
            return -1;
        }

        return *(int*)(control + headerLength);
    }

    private static string Failure(string fullPath, string error, int exitCode)
    {
        var reason = error.Length == 0 ? $"{ProgramName} exited {exitCode}" : Unprefixed(error.Split('\n')[0]);
        var hint = reason.Contains("/dev/fuse", StringComparison.Ordinal) && reason.Contains("denied", StringComparison.OrdinalIgnoreCase)
            ? "; /dev/fuse must be readable and writable by you (most distributions make it 0666), or run as root"
            : string.Empty;
        return $"Cannot mount on {fullPath}: {reason}{hint}";
    }

    private static string Unprefixed(string message) =>
        message.StartsWith(ProgramName + ": ", StringComparison.Ordinal) ? message[(ProgramName.Length + 2)..] : message;
}
