namespace FsMount.OneFichier;

/// <summary>
/// Settings of the 1fichier client. The defaults follow the service's documented limits
/// (docs/onefichier-api.md section 6). The API key is not an option: it is passed separately as
/// <see cref="OneFichierCredentials"/> so that options can be logged or bound from configuration freely.
/// </summary>
public sealed class OneFichierOptions
{
    /// <summary>Base URL of the JSON API, ending in <c>/</c>. Upload nodes are reached with its scheme.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.1fichier.com/v1/");

    /// <summary>
    /// Sustained API calls per second of the whole account (every endpoint, uploads included). Ranged GETs
    /// on a download token are not API calls and are not paced; the token call itself is.
    /// </summary>
    public double CallsPerSecond { get; set; } = 2;

    /// <summary>Calls that may start at once after a quiet period.</summary>
    public int CallBurst { get; set; } = 1;

    /// <summary>Minimum time between two listings of the same folder (the service allows one per 30 s).</summary>
    public TimeSpan FolderListingSpacing { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Minimum time between any two listings (reported by users as about 3 s).</summary>
    public TimeSpan AnyListingSpacing { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// A file through which every process of this account on the host shares one call budget: the call rate,
    /// flood pauses and listing spacing (the service counts calls per account and per IP, not per process).
    /// <see langword="null"/> keeps the budget to this client. Its folder must exist and be the user's alone.
    /// </summary>
    public string? SharedPacingFile { get; set; }

    /// <summary>Retries of a call after a transient failure or a flood answer.</summary>
    public int MaxRetries { get; set; } = 8;

    /// <summary>First retry delay after a transient failure; doubles each time, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest retry delay after a transient failure.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Pause of every caller after a first flood answer; doubles for each flood that follows.</summary>
    public TimeSpan FloodPause { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest pause after repeated flood answers.</summary>
    public TimeSpan MaxFloodPause { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>After a flood pause, the number of calls let through one at a time before full speed.</summary>
    public int FloodRecoveryCalls { get; set; } = 5;

    /// <summary>Spacing of the recovery calls after a flood pause.</summary>
    public TimeSpan FloodRecoverySpacing { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Time-out of one attempt of an API call (a JSON request and its answer).</summary>
    public TimeSpan ApiCallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time-out until a download's response headers arrive; the body itself has no time-out.</summary>
    public TimeSpan DownloadResponseTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Age after which a download token is replaced before use (the service keeps them 5 min).</summary>
    public TimeSpan DownloadTokenLifetime { get; set; } = TimeSpan.FromMinutes(4);

    /// <summary>Times a broken download is resumed in a row without receiving a byte before giving up.</summary>
    public int MaxDownloadResumes { get; set; } = 5;

    /// <summary>
    /// How long a download body may send nothing before the transfer is dropped and resumed from the byte
    /// reached: a stalled connection otherwise holds a read until the kernel gives up on it.
    /// </summary>
    public TimeSpan DownloadIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Attempts of a whole upload by <see cref="OneFichierClient.UploadAsync"/> (a new node and id each time) when the
    /// source can be rewound and the previous attempt certainly did not land.
    /// </summary>
    public int MaxUploadAttempts { get; set; } = 4;

    /// <summary>
    /// Most files sent in one <c>upload.cgi</c> request (the service takes up to 500; 1fichier.SDK sends 100). Each
    /// upload costs three paced calls however many files it carries, so small files go together; a smaller batch
    /// loses less when one request breaks.
    /// </summary>
    public int MaxFilesPerUpload { get; set; } = 100;

    /// <summary>Reads of <c>end.pl</c> before looking for the uploaded file in its folder instead.</summary>
    public int UploadReportAttempts { get; set; } = 3;

    /// <summary>Delay between two reads of <c>end.pl</c>, and between two listings that look for a new file.</summary>
    public TimeSpan UploadReportDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Listings of the destination folder to find a new file that no answer named: an upload whose report had no
    /// link, a copy or an upload whose answer was lost (a new file may take a while to be listed).
    /// </summary>
    public int UploadLookupAttempts { get; set; } = 5;

    /// <summary>
    /// How long the service keeps an upload's <c>end.pl</c> report (2 h). While it does, a missing report means the
    /// upload did not land; after that, a listing decides.
    /// </summary>
    public TimeSpan UploadReportRetention { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// Sends in all of a call that creates something (mkdir, copy) when the answer to each is lost and a listing then
    /// shows it did not land.
    /// </summary>
    public int MaxCreateAttempts { get; set; } = 4;

    /// <summary>
    /// How much earlier than the start of a call the service may date what the call made, when a lost answer is
    /// resolved by finding it in a listing: its dates are whole seconds of its own clock. Kept small, since a
    /// same-named file or folder older than this is taken as not made by the call.
    /// </summary>
    public TimeSpan ServiceClockSlack { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the drive keeps <c>user/info.cgi</c>'s answer (the service allows one call per 5 min).</summary>
    public TimeSpan AccountInfoCacheDuration { get; set; } = TimeSpan.FromMinutes(5);
}
