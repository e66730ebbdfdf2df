namespace FsMount.OneFichier.Errors;

/// <summary>
/// The numeric codes 1fichier appends to its error messages (<c>"Flood detected: IP Locked #374"</c>),
/// as listed in docs/onefichier-api.md section 2.3. <see cref="OneFichierFailureClassifier"/> is the one
/// place that decides what each of them means for retrying.
/// </summary>
public static class OneFichierErrorCodes
{
    // Flood and lock-out: every caller pauses, then resumes slowly.

    /// <summary><c>Flood detected: IP Locked #374</c>: the global rate limit tripped.</summary>
    public const int FloodIpLocked = 374;

    /// <summary><c>Flood detected … #412</c>: the newer code for the same flood condition.</summary>
    public const int FloodDetected = 412;

    /// <summary><c>Flood detected: IP Locked #38</c>: <c>user/info.cgi</c> asked too often.</summary>
    public const int FloodUserInfo = 38;

    /// <summary><c>Flood detected: User Locked #223</c>: per-user flood lock.</summary>
    public const int FloodUserLocked = 223;

    /// <summary><c>Only 1 location allowed at a time #887</c>: another IP is downloading; wait.</summary>
    public const int OneLocationAtATime = 887;

    // Permanent: surfaced at once, never retried.

    /// <summary><c>No such user #93</c>: bad or revoked API key, or a forced password reset.</summary>
    public const int NoSuchUser = 93;

    /// <summary><c>#186</c>: IP blocked.</summary>
    public const int IpBlocked = 186;

    /// <summary><c>Must be a customer (Premium, Access) #200</c>.</summary>
    public const int NotACustomer = 200;

    /// <summary><c>No file has been renamed #312</c>: rename to the current name.</summary>
    public const int NothingRenamed = 312;

    /// <summary><c>Resource not found #469</c>: unknown or deleted file.</summary>
    public const int ResourceNotFound = 469;

    /// <summary><c>Owner locked #620</c>: the file owner's account is locked.</summary>
    public const int OwnerLocked = 620;

    /// <summary><c>Resource not allowed #631</c>: ACL, password or privacy blocks access.</summary>
    public const int ResourceNotAllowed = 631;

    /// <summary><c>Owner locked #649</c>: seen as a variant of <see cref="OwnerLocked"/>.</summary>
    public const int OwnerLockedVariant = 649;

    /// <summary><c>Premium status is only allowed … on residential … connexion … #913</c>.</summary>
    public const int DatacenterIpRefused = 913;
}
