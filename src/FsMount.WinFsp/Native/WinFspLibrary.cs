using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32;

namespace FsMount.WinFsp.Native;

/// <summary>
/// Finds WinFsp's DLL where its installer put it and binds <see cref="WinFspApi"/> to it. The
/// installer is 32-bit and records its folder in the 32-bit registry view
/// (<c>HKLM\SOFTWARE\WinFsp</c>, value <c>InstallDir</c>); the DLL for this process is
/// <c>bin\winfsp-x64.dll</c> or <c>bin\winfsp-a64.dll</c> under it.
/// </summary>
internal static class WinFspLibrary
{
    /// <summary>The logical name <see cref="WinFspApi"/> imports; only the resolver gives it a file.</summary>
    public const string Name = "winfsp";

    public const string DownloadUrl = "https://winfsp.dev/rel/";

    private static readonly Lock s_gate = new();
    private static nint s_handle;

    /// <summary>The DLL a process of <paramref name="architecture"/> loads from <paramref name="installDirectory"/>; null for a 32-bit process (FsMount's structs are 64-bit).</summary>
    public static string? DllPath(string installDirectory, Architecture architecture)
    {
        ArgumentNullException.ThrowIfNull(installDirectory);
        var suffix = architecture switch
        {
            Architecture.X64 => "x64",
            Architecture.Arm64 => "a64",
            _ => null,
        };
        return suffix is null ? null : Path.Combine(installDirectory, "bin", $"winfsp-{suffix}.dll");
    }

    /// <summary>Loads the DLL once and routes <see cref="Name"/> to it.</summary>
    /// <exception cref="WinFspMountException">WinFsp is not installed, or not for this architecture: the message says where to get it.</exception>
    [SupportedOSPlatform("windows")]
    public static void Load()
    {
        lock (s_gate)
        {
            if (s_handle != 0)
            {
                return;
            }

            var installDirectory = InstallDirectory();
            var path = DllPath(installDirectory, RuntimeInformation.ProcessArchitecture)
                ?? throw new WinFspMountException($"FsMount needs a 64-bit process for WinFsp, not {RuntimeInformation.ProcessArchitecture}");
            if (!NativeLibrary.TryLoad(path, out var handle))
            {
                throw new WinFspMountException($"WinFsp is not installed ({Path.GetFileName(path)} was not found in {Path.GetDirectoryName(path)}); install it from {DownloadUrl} and mount again");
            }

            s_handle = handle;
            NativeLibrary.SetDllImportResolver(typeof(WinFspLibrary).Assembly, Resolve);
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == Name ? s_handle : 0;

    [SupportedOSPlatform("windows")]
    private static string InstallDirectory()
    {
        using var machine = RegistryKey.OpenBaseKey(RegistryHive.LocalMachine, RegistryView.Registry32);
        using var key = machine.OpenSubKey(@"SOFTWARE\WinFsp");
        return key?.GetValue("InstallDir") as string
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ProgramFilesX86), "WinFsp");
    }
}
