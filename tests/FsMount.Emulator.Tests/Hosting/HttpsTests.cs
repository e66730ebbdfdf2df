using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using FsMount.Testing;

namespace FsMount.Emulator.Tests.Hosting;

/// <summary>Standard Kestrel certificate settings serve the emulator over HTTPS.</summary>
public sealed class HttpsTests
{
    [Fact]
    public async Task Kestrel_certificate_settings_serve_the_api_over_https()
    {
        string data = Directory.CreateTempSubdirectory("fsmount-emulator-https-").FullName;
        try
        {
            using X509Certificate2 certificate = LoopbackCertificate.Create();
            string certificatePath = Path.Combine(data, "..", Path.GetFileName(data) + ".pfx");
            await LoopbackCertificate.WritePfxAsync(certificate, certificatePath, "pfx-password", TestContext.Current.CancellationToken);
            int port = LoopbackPort.Free();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            Task<int> run = EmulatorServer.RunAsync(
                [
                    "--data", data, "--api-key", "HttpsTestKey_0123456789", "--limits", "off",
                    "--urls", $"https://127.0.0.1:{port}",
                    $"--Kestrel:Certificates:Default:Path={certificatePath}",
                    "--Kestrel:Certificates:Default:Password=pfx-password",
                ],
                stop.Token);
            try
            {
                // Trust exactly this certificate, as a user would add it to the trust store.
                using var handler = new HttpClientHandler
                {
                    ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
                };
                using var http = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}/v1/") };
                http.DefaultRequestHeaders.Authorization = new("Bearer", "HttpsTestKey_0123456789");

                // The port answers twice before the emulator serves: once for the binding probe, which
                // aborts what it accepts, then for the emulator. Only an answer of the API counts.
                string? status = null;
                await Eventually.TrueAsync(
                    async () => run.IsCompleted || (status = await ListRootStatusAsync(http)) is not null, "the emulator answers over https");

                Assert.False(run.IsCompleted);
                Assert.Equal("OK", status);
            }
            finally
            {
                await stop.CancelAsync();
                Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
                File.Delete(certificatePath);
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<string?> ListRootStatusAsync(HttpClient http)
    {
        try
        {
            using HttpResponseMessage response = await http.PostAsJsonAsync("folder/ls.cgi", new { folder_id = 0 }, TestContext.Current.CancellationToken);
            JsonElement listing = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            return listing.GetProperty("status").GetString();
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
