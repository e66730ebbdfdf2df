using System.Runtime.InteropServices;
using FsMount.Core;
using FsMount.Core.Names;
using FsMount.WinFsp.Native;

namespace FsMount.WinFsp.Tests;

public sealed class WinFspMountTests
{
    [Fact]
    public void The_adapter_asks_the_core_for_windows_names_matched_without_case()
    {
        var options = new FsMountOptions();

        WinFspMount.ConfigureCore(options);

        Assert.True(options.CaseInsensitiveNames);
        Assert.Equal(NameStyle.Windows, options.NameStyle);
    }

    [Theory]
    [InlineData(Architecture.X64, @"C:\Program Files (x86)\WinFsp\bin\winfsp-x64.dll")]
    [InlineData(Architecture.Arm64, @"C:\Program Files (x86)\WinFsp\bin\winfsp-a64.dll")]
    [InlineData(Architecture.X86, null)]
    public void The_dll_is_the_one_for_the_process_under_the_install_folder(Architecture architecture, string? expected)
    {
        var path = WinFspLibrary.DllPath(@"C:\Program Files (x86)\WinFsp", architecture);

        Assert.Equal(expected, path?.Replace('/', '\\'));
    }
}
