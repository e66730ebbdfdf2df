using System.Text.Json.Serialization;

namespace FsMount.OneFichier.Wire;

/// <summary>Answer of <c>remote/request.cgi</c>: the id the remote upload is followed by.</summary>
public sealed record RemoteUploadRequested(
    [property: JsonConverter(typeof(LenientInt64Converter))] long Id);
