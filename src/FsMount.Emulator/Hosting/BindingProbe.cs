using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace FsMount.Emulator.Hosting;

/// <summary>
/// Binds the emulator's addresses once, with an empty application, and lets them go. Building the
/// emulator writes into the data folder (the folder, a generated key, the database), so a port that
/// is taken must be found before that, or a failed start would leave a new key behind.
/// </summary>
/// <remarks>
/// The probe reads the same configuration as the real server (<c>--urls</c>, Kestrel endpoints and
/// certificates), so it fails exactly where the real start would. Another process can still take a
/// port between the probe and the start; the start then fails as before, in one line.
/// </remarks>
internal static class BindingProbe
{
    /// <summary>Throws what Kestrel throws when an address cannot be bound (an <see cref="IOException"/> for a taken port).</summary>
    public static async Task CheckAsync(string[] args, string defaultUrls, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(defaultUrls);
        }

        builder.WebHost.UseKestrelHttpsConfiguration();
        // The caller reports a failure in one line; the host's own log of it is a stack trace.
        builder.Logging.ClearProviders();
        await using WebApplication probe = builder.Build();
        await probe.StartAsync(cancellationToken);
        // A client may connect in the instant the probe listens (a script polling the port). A graceful
        // stop would wait for that connection, up to the host's 30-s shutdown time-out; the probe serves
        // nothing, so it aborts at once and the client retries against the emulator.
        await probe.StopAsync(new CancellationToken(canceled: true));
    }
}
