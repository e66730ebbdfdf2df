using System.Text.Json.Serialization;

namespace FsMount.Cli.Status;

/// <summary>The status socket's JSON, generated at build time: camelCase, one line per message (and per snapshot <c>fsmount status --json</c> prints).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MountRequest))]
[JsonSerializable(typeof(MountAnswer))]
[JsonSerializable(typeof(StatusSnapshot))]
[JsonSerializable(typeof(AccountAbout))]
[JsonSerializable(typeof(RemoteUploadState))]
[JsonSerializable(typeof(List<StatusSnapshot>))]
internal sealed partial class StatusJsonContext : JsonSerializerContext
{
}
