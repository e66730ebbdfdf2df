using System.Text;
using FsMount.Core.Remote;
using FsMount.OneFichier.Transfers;

namespace FsMount.OneFichier.Tests.Transfers;

public sealed class UploadMultipartContentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Parts_follow_the_did_field_in_order_each_source_open_only_while_its_part_is_written()
    {
        var events = new List<string>();
        UploadItem[] items = [Item("a.txt", "alpha", events), Item("ｂ＄.bin", "b", events), Item("c", "gamma!", events)];
        using var content = new UploadMultipartContent(42, items, null);
        Assert.Empty(events);

        var body = await SerializeAsync(content);

        Assert.Equal(["open a.txt", "close a.txt", "open ｂ＄.bin", "close ｂ＄.bin", "open c", "close c"], events);
        Assert.Equal(content.Headers.ContentLength, Encoding.UTF8.GetByteCount(body));
        var boundary = content.Headers.GetValues("Content-Type").Single().Split("boundary=")[1];
        Assert.DoesNotContain('"', boundary);
        var parts = string.Concat(new[] { ("a.txt", "alpha"), ("ｂ＄.bin", "b"), ("c", "gamma!") }.Select(part =>
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"file[]\"; filename=\"{part.Item1}\"\r\n" +
            $"Content-Type: application/octet-stream\r\n\r\n{part.Item2}\r\n"));
        Assert.Equal($"--{boundary}\r\nContent-Disposition: form-data; name=\"did\"\r\n\r\n42\r\n{parts}--{boundary}--\r\n", body);
    }

    [Fact]
    public async Task A_source_shorter_than_its_length_fails_the_body_and_is_still_disposed()
    {
        var events = new List<string>();
        UploadItem[] items = [Item("a", "full", events), Item("b", "shor", events) with { Length = 5 }];
        using var content = new UploadMultipartContent(0, items, null);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => SerializeAsync(content));

        Assert.Contains("4 of 5 bytes", Assert.IsType<IOException>(error.InnerException).Message, StringComparison.Ordinal);
        Assert.Equal(["open a", "close a", "open b", "close b"], events);
    }

    private static async Task<string> SerializeAsync(HttpContent content)
    {
        using var target = new MemoryStream();
        await content.CopyToAsync(target, Ct);
        return Encoding.UTF8.GetString(target.ToArray());
    }

    private static UploadItem Item(string name, string text, List<string> events)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return new UploadItem(name, bytes.Length, () =>
        {
            events.Add("open " + name);
            return new ObservedStream(bytes, () => events.Add("close " + name));
        });
    }

    private sealed class ObservedStream(byte[] bytes, Action disposed) : MemoryStream(bytes)
    {
        protected override void Dispose(bool disposing)
        {
            disposed();
            base.Dispose(disposing);
        }
    }
}
