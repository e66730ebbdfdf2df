using System.Text.Json.Serialization;

namespace FsMount.OneFichier.Wire;

/// <summary>Answer of <c>file/rm.cgi</c>.</summary>
public sealed record RemovedFiles(
    [property: JsonConverter(typeof(LenientInt64Converter))] long Removed);
