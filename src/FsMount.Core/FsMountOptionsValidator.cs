using FsMount.Core.Reading;
using Microsoft.Extensions.Options;

namespace FsMount.Core;

/// <summary>Rejects <see cref="FsMountOptions"/> that would break the service's limits or the read path.</summary>
public sealed class FsMountOptionsValidator : IValidateOptions<FsMountOptions>
{
    // The service's own limits (onefichier-api.md, section 6).
    private static readonly TimeSpan s_minDirectoryCacheTime = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_minStatisticsCacheTime = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, FsMountOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.DirectoryCacheTime < s_minDirectoryCacheTime)
        {
            failures.Add($"DirectoryCacheTime is {options.DirectoryCacheTime}; the service allows one listing per folder per {s_minDirectoryCacheTime.TotalSeconds} s, so it must be at least that.");
        }

        if (options.StatisticsCacheTime < s_minStatisticsCacheTime)
        {
            failures.Add($"StatisticsCacheTime is {options.StatisticsCacheTime}; the service locks out callers who ask more often than every {s_minStatisticsCacheTime.TotalMinutes} minutes.");
        }

        if (string.IsNullOrWhiteSpace(options.CacheDirectory))
        {
            failures.Add("CacheDirectory is not set; staged writes and the upload journal need a folder.");
        }

        if (options.Umask > 0x1FF)
        {
            failures.Add($"Umask is {Convert.ToString(options.Umask, 8)} (octal); it takes permission bits only, 0 to 777.");
        }

        if (options.IoTimeout <= TimeSpan.Zero)
        {
            failures.Add($"IoTimeout is {options.IoTimeout}; it must be positive.");
        }

        if (options.WriteBackDelay < TimeSpan.Zero)
        {
            failures.Add($"WriteBackDelay is {options.WriteBackDelay}; it must not be negative.");
        }

        if (options.MaxConcurrentUploads < 1)
        {
            failures.Add($"MaxConcurrentUploads is {options.MaxConcurrentUploads}; at least one upload must be able to run.");
        }

        if (options.ChunkCacheBytes < 0)
        {
            failures.Add($"ChunkCacheBytes is {options.ChunkCacheBytes}; it must not be negative (0 turns the cache off).");
        }

        if (options.MaxFilesPerUpload is < 1 or > 500)
        {
            failures.Add($"MaxFilesPerUpload is {options.MaxFilesPerUpload}; the service takes 1 to 500 files per upload.");
        }

        if (options.MaxBytesPerUpload < 1)
        {
            failures.Add($"MaxBytesPerUpload is {options.MaxBytesPerUpload}; it must be positive.");
        }

        if (options.UploadRetryDelay <= TimeSpan.Zero || options.MaxUploadRetryDelay < options.UploadRetryDelay)
        {
            failures.Add($"UploadRetryDelay ({options.UploadRetryDelay}) must be positive and not above MaxUploadRetryDelay ({options.MaxUploadRetryDelay}).");
        }

        if (options.PendingEntryLifetime < options.DirectoryCacheTime)
        {
            failures.Add($"PendingEntryLifetime ({options.PendingEntryLifetime}) must be at least DirectoryCacheTime ({options.DirectoryCacheTime}), or our own changes could vanish at the first refresh.");
        }

        if (options.ReadBufferBytes < 2 * RemoteBlock.Bytes)
        {
            failures.Add($"ReadBufferBytes is {options.ReadBufferBytes}; it must hold at least two {RemoteBlock.Bytes}-byte blocks.");
        }

        if (options.ReadWindowBytes < RemoteBlock.Bytes)
        {
            failures.Add($"ReadWindowBytes is {options.ReadWindowBytes}; it must be at least one {RemoteBlock.Bytes}-byte block.");
        }

        if (options.MaxReadWindowBytes < options.ReadWindowBytes)
        {
            failures.Add($"MaxReadWindowBytes ({options.MaxReadWindowBytes}) must not be less than ReadWindowBytes ({options.ReadWindowBytes}).");
        }

        if (options.MaxForwardSkipBytes < 0)
        {
            failures.Add($"MaxForwardSkipBytes is {options.MaxForwardSkipBytes}; it must not be negative.");
        }

        if (options.ReadBufferBytes <= options.MaxForwardSkipBytes)
        {
            failures.Add($"ReadBufferBytes ({options.ReadBufferBytes}) must be more than MaxForwardSkipBytes ({options.MaxForwardSkipBytes}): the blocks read through to a read ahead of the stream are kept for the reads behind it.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
