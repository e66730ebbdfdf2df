using Microsoft.AspNetCore.StaticFiles;

namespace FsMount.Emulator.State;

/// <summary>The MIME type the emulator gives a stored file: from its name's extension, as a web server would.</summary>
internal static class FileContentTypes
{
    private static readonly FileExtensionContentTypeProvider s_provider = new();

    public static string Of(string name) => s_provider.TryGetContentType(name, out string? known) ? known : "application/octet-stream";
}
