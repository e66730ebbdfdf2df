using Microsoft.Extensions.Options;

namespace FsMount.OneFichier;

/// <summary>Rejects settings that would break the client or get the account locked out.</summary>
public sealed class OneFichierOptionsValidator : IValidateOptions<OneFichierOptions>
{
    public ValidateOptionsResult Validate(string? name, OneFichierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ApiBaseUrl is not { IsAbsoluteUri: true } url || url.Scheme is not ("https" or "http") || !url.AbsolutePath.EndsWith('/'))
        {
            failures.Add("ApiBaseUrl must be an absolute http(s) URL ending in '/'.");
        }

        if (!(options.CallsPerSecond > 0) || double.IsInfinity(options.CallsPerSecond))
        {
            failures.Add("CallsPerSecond must be positive.");
        }

        RequireAtLeast(failures, options.CallBurst, 1, nameof(options.CallBurst));
        RequireAtLeast(failures, options.MaxRetries, 0, nameof(options.MaxRetries));
        RequireAtLeast(failures, options.FloodRecoveryCalls, 0, nameof(options.FloodRecoveryCalls));
        RequireAtLeast(failures, options.MaxDownloadResumes, 0, nameof(options.MaxDownloadResumes));
        RequirePositive(failures, options.DownloadIdleTimeout, nameof(options.DownloadIdleTimeout));
        RequireAtLeast(failures, options.MaxUploadAttempts, 1, nameof(options.MaxUploadAttempts));
        if (options.MaxFilesPerUpload is < 1 or > OneFichierClient.MaxFilesPerRequest)
        {
            failures.Add($"MaxFilesPerUpload must be between 1 and {OneFichierClient.MaxFilesPerRequest} (the service's limit per upload).");
        }

        RequireAtLeast(failures, options.UploadReportAttempts, 1, nameof(options.UploadReportAttempts));
        RequireAtLeast(failures, options.UploadLookupAttempts, 1, nameof(options.UploadLookupAttempts));
        RequireAtLeast(failures, options.MaxCreateAttempts, 1, nameof(options.MaxCreateAttempts));
        RequireNotNegative(failures, options.ServiceClockSlack, nameof(options.ServiceClockSlack));
        RequirePositive(failures, options.UploadReportRetention, nameof(options.UploadReportRetention));
        RequireNotNegative(failures, options.FolderListingSpacing, nameof(options.FolderListingSpacing));
        RequireNotNegative(failures, options.AnyListingSpacing, nameof(options.AnyListingSpacing));
        RequireNotNegative(failures, options.FloodRecoverySpacing, nameof(options.FloodRecoverySpacing));
        RequireNotNegative(failures, options.UploadReportDelay, nameof(options.UploadReportDelay));
        RequirePositive(failures, options.RetryBaseDelay, nameof(options.RetryBaseDelay));
        RequirePositive(failures, options.FloodPause, nameof(options.FloodPause));
        RequirePositive(failures, options.ApiCallTimeout, nameof(options.ApiCallTimeout));
        RequirePositive(failures, options.DownloadResponseTimeout, nameof(options.DownloadResponseTimeout));
        RequirePositive(failures, options.DownloadTokenLifetime, nameof(options.DownloadTokenLifetime));
        if (options.RetryMaxDelay < options.RetryBaseDelay)
        {
            failures.Add("RetryMaxDelay must be at least RetryBaseDelay.");
        }

        if (options.MaxFloodPause < options.FloodPause)
        {
            failures.Add("MaxFloodPause must be at least FloodPause.");
        }

        if (options.AccountInfoCacheDuration < TimeSpan.FromMinutes(5))
        {
            failures.Add("AccountInfoCacheDuration must be at least 5 minutes: the service locks out callers of user/info.cgi that ask more often.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequireAtLeast(List<string> failures, int value, int minimum, string name)
    {
        if (value < minimum)
        {
            failures.Add($"{name} must be at least {minimum}.");
        }
    }

    private static void RequireNotNegative(List<string> failures, TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero)
        {
            failures.Add($"{name} must not be negative.");
        }
    }

    private static void RequirePositive(List<string> failures, TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{name} must be positive.");
        }
    }
}
