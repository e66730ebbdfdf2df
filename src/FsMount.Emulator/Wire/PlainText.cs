namespace FsMount.Emulator.Wire;

/// <summary>The short text answers of the upload node and the download host, where the service's are undocumented.</summary>
internal static class PlainText
{
    public static Task WriteAsync(HttpContext context, int statusCode, string text) =>
        Results.Text(text + "\n", "text/plain; charset=utf-8", statusCode: statusCode).ExecuteAsync(context);
}
