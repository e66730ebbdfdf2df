using System.Data.Common;
using System.Net.Sockets;
using FsMount.Emulator.Faults;
using FsMount.Emulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;

namespace FsMount.Emulator;

/// <summary>
/// A running 1fichier emulator: the API under <see cref="ApiUrl"/>, the upload node and the download host at
/// <see cref="BaseUrl"/>, and the admin API under <see cref="AdminUrl"/>.
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmulatorServer(WebApplication app, Uri baseUrl, string apiKey)
    {
        _app = app;
        BaseUrl = baseUrl;
        ApiKey = apiKey;
    }

    /// <summary>The bound address, ending with '/' (the real port when bound to port 0).</summary>
    public Uri BaseUrl { get; }

    /// <summary><see cref="BaseUrl"/> + <c>v1/</c>.</summary>
    public Uri ApiUrl => new(BaseUrl, "v1/");

    /// <summary><see cref="BaseUrl"/> + <c>__emulator/</c>.</summary>
    public Uri AdminUrl => new(BaseUrl, "__emulator/");

    /// <summary>The account's API key.</summary>
    public string ApiKey { get; }

    /// <summary>Starts an emulator in this process, bound as <see cref="EmulatorOptions.Urls"/> says.</summary>
    public static async Task<EmulatorServer> StartAsync(EmulatorOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.ClearProviders();
        (WebApplication app, string apiKey) = EmulatorHost.Build(options, builder);
        try
        {
            Uri baseUrl = await StartAppAsync(app, options, cancellationToken);
            return new EmulatorServer(app, baseUrl, apiKey);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs an emulator in the foreground from command-line style arguments (<c>--data DIR</c>, <c>--urls</c>,
    /// <c>--limits</c>, faults ...; see the README) until SIGTERM, Ctrl-C or <paramref name="cancellationToken"/>.
    /// Returns 0 after a clean stop, 2 for bad options, 1 when the server cannot start (a port in use is
    /// found before anything is written into the data folder).
    /// </summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args });
        EmulatorOptions options;
        try
        {
            options = EmulatorCommandLine.Parse(args, builder.Configuration);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"fsmount emulator: {exception.Message}");
            return 2;
        }

        try
        {
            await BindingProbe.CheckAsync(args, options.Urls, cancellationToken);
        }
        catch (Exception exception) when (IsStartFailure(exception))
        {
            return await CannotStartAsync(exception);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }

        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        // A failed start is reported below in one line; the host would log it again as a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(options.Urls);
        }

        WebApplication app;
        try
        {
            (app, _) = EmulatorHost.Build(options, builder);
        }
        catch (ArgumentException exception)
        {
            await Console.Error.WriteLineAsync($"fsmount emulator: {exception.Message}");
            return 2;
        }
        catch (Exception exception) when (IsStartFailure(exception))
        {
            return await CannotStartAsync(exception);
        }

        await using (app)
        {
            try
            {
                await StartAppAsync(app, options, cancellationToken);
            }
            catch (Exception exception) when (IsStartFailure(exception))
            {
                return await CannotStartAsync(exception);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped before it was ready: still a clean stop.
                return 0;
            }

            await app.WaitForShutdownAsync(cancellationToken);
        }

        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private static async Task<Uri> StartAppAsync(WebApplication app, EmulatorOptions options, CancellationToken cancellationToken)
    {
        await app.StartAsync(cancellationToken);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Uri baseUrl = new(ReachableAddress(address).TrimEnd('/') + "/");
        app.Services.GetRequiredService<PublicAddress>().SetBound(baseUrl);
        Log.Listening(
            EmulatorHost.Logger(app), baseUrl, new Uri(baseUrl, "v1/"), new Uri(baseUrl, "__emulator/"), options.Limits, app.Services.GetRequiredService<FaultPlan>().Seed);
        return baseUrl;
    }

    // Bad bindings or certificates, a port in use, a data folder that cannot be written.
    private static bool IsStartFailure(Exception exception) =>
        exception is IOException or InvalidOperationException or FormatException or UnauthorizedAccessException or DbException;

    private static async Task<int> CannotStartAsync(Exception exception)
    {
        // Kestrel's message names the address ("Failed to bind to address http://...: address already in use.").
        string advice = IsAddressInUse(exception) ? "; choose another port with --urls (http://127.0.0.1:0 takes a free one)" : "";
        await Console.Error.WriteLineAsync($"fsmount emulator: cannot start: {exception.Message.TrimEnd('.')}{advice}");
        return 1;
    }

    private static bool IsAddressInUse(Exception exception)
    {
        for (Exception? cause = exception; cause is not null; cause = cause.InnerException)
        {
            if (cause is AddressInUseException
                || cause is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                return true;
            }
        }

        return false;
    }

    // A wildcard binding is not an address a client can use; loopback reaches it.
    private static string ReachableAddress(string address)
    {
        foreach (string wildcard in new[] { "://+:", "://*:", "://0.0.0.0:", "://[::]:" })
        {
            address = address.Replace(wildcard, "://127.0.0.1:", StringComparison.Ordinal);
        }

        return address;
    }
}
