using System.Text.Json.Serialization;

namespace FsMount.OneFichier.Wire;

/// <summary>Answer of <c>file/chattr.cgi</c>.</summary>
public sealed record UpdatedFiles(
    [property: JsonConverter(typeof(LenientInt64Converter))] long Updated);
