using System.Diagnostics;
using System.Globalization;
using FsMount.Emulator;
using FsMount.OneFichier;

// Raw single-stream throughput of OneFichierClient against the emulator, next to curl doing the same
// upload and download against the same emulator in the same run. Prints one small report on stdout.
const long Size = 1L << 30;
var work = Directory.CreateTempSubdirectory("fsmount-bench-client-").FullName;
try
{
    var source = Path.Combine(work, "source.bin");
    await WriteRandomFileAsync(source, Size);
    await using var server = await EmulatorServer.StartAsync(
        new EmulatorOptions { DataDirectory = Path.Combine(work, "emulator"), Limits = EmulatorLimitsMode.Off },
        CancellationToken.None);
    using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
    using var client = new OneFichierClient(http, new OneFichierCredentials(server.ApiKey), new OneFichierOptions { ApiBaseUrl = server.ApiUrl });

    // curl reads the Authorization header from a private file, so the key is never on a command line.
    var headerFile = Path.Combine(work, "auth.header");
    await File.WriteAllTextAsync(headerFile, $"Authorization: Bearer {server.ApiKey}\n");
    if (!OperatingSystem.IsWindows())
    {
        File.SetUnixFileMode(headerFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    var watch = Stopwatch.StartNew();
    var uploaded = await client.UploadFileAsync(source, 0, "client.bin", null, CancellationToken.None);
    var clientUpload = Rate(watch.Elapsed);

    var node = await client.GetUploadServerAsync(CancellationToken.None);
    var uploadUrl = $"{server.ApiUrl.Scheme}://{node.Url}/upload.cgi?id={node.Id}";
    watch.Restart();
    await CurlAsync("-H", "@" + headerFile, "-F", "did=0", "-F", $"file[]=@{source};filename=curl.bin", uploadUrl);
    var curlUpload = Rate(watch.Elapsed);

    var (clientOpen, clientDownload) = await ClientDownloadAsync(client, uploaded);

    var token = await client.GetDownloadTokenAsync(uploaded.Url, CancellationToken.None);
    watch.Restart();
    await CurlAsync("-H", "@" + headerFile, "-o", "/dev/null", token.ToString());
    var curlDownload = Rate(watch.Elapsed);

    // The same GET with a bare HttpClient in this process, which also hosts the emulator: what is left
    // between it and curl is the emulator sharing the process, not the client.
    watch.Restart();
    using (var response = await http.GetAsync(token, HttpCompletionOption.ResponseHeadersRead, CancellationToken.None))
    await using (var body = await response.EnsureSuccessStatusCode().Content.ReadAsStreamAsync(CancellationToken.None))
    {
        await body.CopyToAsync(Stream.Null, 1 << 20);
    }

    var bareDownload = Rate(watch.Elapsed);

    // Again, now that this process's code is compiled (tiered JIT) and the token is cached.
    var (warmOpen, warmDownload) = await ClientDownloadAsync(client, uploaded);

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
        size: 1 GiB, single stream, emulator on loopback (limits off)
        upload    client {clientUpload,8:F1} MiB/s   curl {curlUpload,8:F1} MiB/s   client/curl {clientUpload / curlUpload:F2}
        download  client {clientDownload,8:F1} MiB/s   curl {curlDownload,8:F1} MiB/s   client/curl {clientDownload / curlDownload:F2}   (client open: token + headers {clientOpen.TotalMilliseconds:F0} ms)
        download  bare HttpClient in this process {bareDownload,8:F1} MiB/s   client/bare {clientDownload / bareDownload:F2}
        download  client again (warm) {warmDownload,8:F1} MiB/s   warm client/curl {warmDownload / curlDownload:F2}   warm client/bare {warmDownload / bareDownload:F2}   (open {warmOpen.TotalMilliseconds:F0} ms)
        """));
}
finally
{
    Directory.Delete(work, recursive: true);
}

static double Rate(TimeSpan elapsed) => Size / (1024.0 * 1024.0) / elapsed.TotalSeconds;

// Opening includes get_token.cgi, paced (up to 1 / CallsPerSecond of waiting) unless the token is cached:
// timed apart, so the rate compares the transfer itself with curl's, which is handed its token.
static async Task<(TimeSpan Open, double Rate)> ClientDownloadAsync(OneFichierClient client, UploadedFile file)
{
    var watch = Stopwatch.StartNew();
    await using var stream = await client.OpenDownload(file.Url, file.Size).OpenRangeAsync(0, file.Size, CancellationToken.None);
    var open = watch.Elapsed;
    await stream.CopyToAsync(Stream.Null, 1 << 20);
    return (open, Rate(watch.Elapsed - open));
}

static async Task WriteRandomFileAsync(string path, long size)
{
    var buffer = new byte[1 << 20];
    await using var file = File.Create(path);
    for (long written = 0; written < size; written += buffer.Length)
    {
        Random.Shared.NextBytes(buffer);
        await file.WriteAsync(buffer);
    }
}

static async Task CurlAsync(params string[] args)
{
    var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true };
    start.ArgumentList.Add("-sS");
    start.ArgumentList.Add("--fail-with-body");
    foreach (var arg in args)
    {
        start.ArgumentList.Add(arg);
    }

    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEndAsync();
    var error = process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"curl failed ({process.ExitCode}): {await error}");
    }

    _ = await output;
}
