namespace FsMount.OneFichier.Errors;

/// <summary>What a failure means for whoever might try again.</summary>
public enum OneFichierFailureKind
{
    /// <summary>May heal by itself: network errors, time-outs, 5xx answers. Retried with back-off.</summary>
    Transient,

    /// <summary>The service is locking us out for calling too often. Every caller pauses.</summary>
    Flood,

    /// <summary>
    /// One endpoint's own ration is used up (<c>#38</c>: <c>user/info.cgi</c> asked within 5 minutes): ask it
    /// again later. Every other call keeps working, so nobody else pauses and nothing is retried now.
    /// </summary>
    Rationed,

    /// <summary>Will not heal by retrying (bad key, not found, not allowed, bad request).</summary>
    Permanent,
}
