using System.Text.Json.Serialization;
using FsMount.Core.Remote;
using FsMount.Core.Staging;

namespace FsMount.Core.Persistence;

/// <summary>Source-generated JSON for the rows of the cache database.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StagedFileState))]
[JsonSerializable(typeof(RemoteFolderListing))]
internal sealed partial class CoreJsonContext : JsonSerializerContext;
