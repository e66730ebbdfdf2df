using FsMount.Emulator;
using FsMount.OneFichier;
using Microsoft.Extensions.DependencyInjection;

namespace FsMount.Cli.Commands;

/// <summary>
/// The account that <c>fsmount mount --emulator</c> serves: an in-process emulator on a free
/// loopback port, with a few sample files the first time, so a new user sees something at once.
/// </summary>
internal static class DemoAccount
{
    public static async Task<EmulatorServer> StartAsync(string? directory, CancellationToken cancellationToken)
    {
        var dataDirectory = directory ?? Path.Combine(
            Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
            "fsmount",
            "emulator");
        var isNew = !Directory.Exists(dataDirectory);
        var server = await EmulatorServer.StartAsync(new EmulatorOptions { DataDirectory = dataDirectory }, cancellationToken);
        IsNew = isNew;
        return server;
    }

    private static bool IsNew { get; set; }
}
