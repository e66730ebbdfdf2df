namespace FsMount.OneFichier.Resilience;

/// <summary>What may be done with a call that failed after it may have reached the service.</summary>
internal enum RetrySafety
{
    /// <summary>Changes nothing: sent again after any transient failure.</summary>
    ReadOnly,

    /// <summary>
    /// Changes the account, but sending it again leaves it as one call would, and the service's answer to a repeat is
    /// known ("Resource not found #469" for a delete, "No file has been renamed #312" for a rename, or OK): sent again
    /// after any transient failure, and the drive reads those answers as done.
    /// </summary>
    Idempotent,

    /// <summary>
    /// Creates something each time it lands (a folder, a copy, an upload): never sent again after a failure that may
    /// have landed. It is sent again only when the service refused it (a flood answer) or it certainly never left
    /// (connection refused); otherwise the caller first checks what the first attempt did.
    /// </summary>
    Creating,
}
