namespace FsMount.Emulator.Hosting;

/// <summary>Which of the service's hosts an endpoint belongs to; decides which checks the request gate runs.</summary>
internal enum EndpointKind
{
    /// <summary><c>/v1/*.cgi</c>: key, flood limits, JSON body.</summary>
    Api,

    /// <summary><c>/upload.cgi</c>, <c>/end.pl</c>: key only.</summary>
    UploadNode,

    /// <summary>Download token URLs: no key (the token is the credential).</summary>
    Download,
}
