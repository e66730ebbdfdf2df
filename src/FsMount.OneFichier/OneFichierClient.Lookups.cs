using FsMount.OneFichier.Transfers;
using FsMount.OneFichier.Wire;

namespace FsMount.OneFichier;

/// <content>Finding what a call whose answer was lost made, in a listing.</content>
public sealed partial class OneFichierClient
{
    /// <summary>
    /// For each of <paramref name="wanted"/> (a name and a size), a file of <paramref name="folderId"/> with that name
    /// and size, other than <paramref name="exceptUrl"/>, that the service dated at or after <paramref name="since"/>
    /// less <see cref="OneFichierOptions.ServiceClockSlack"/> (its dates are whole seconds of another clock); each
    /// listed file answers for one wanted file at most, the newest first. A new file may take a while to be listed,
    /// so up to <paramref name="listings"/> <c>file/ls.cgi</c> are made while some are missing; null for those none
    /// showed.
    /// </summary>
    internal async Task<FileItem?[]> FindNewFilesAsync(
        long folderId,
        IReadOnlyList<(string Name, long Size)> wanted,
        DateTimeOffset since,
        string? exceptUrl,
        int listings,
        CancellationToken cancellationToken)
    {
        var earliest = since - _options.ServiceClockSlack;
        var found = new FileItem?[wanted.Count];
        for (var listing = 1; listing <= listings; listing++)
        {
            var files = await ListFilesAsync(folderId, cancellationToken).ConfigureAwait(false);
            var taken = found.OfType<FileItem>().Select(f => f.Url).ToHashSet(StringComparer.Ordinal);
            var candidates = (files.Items ?? [])
                .Where(f => f.Date >= earliest && f.Url != exceptUrl && !taken.Contains(f.Url))
                .OrderByDescending(f => f.Date)
                .ToList();
            var missing = Enumerable.Range(0, wanted.Count).Where(i => found[i] is null).ToList();
            var matches = UploadMatcher.Match(missing.Select(i => wanted[i]).ToList(), candidates.Select(f => (f.Filename, f.Size)).ToList());
            for (var k = 0; k < missing.Count; k++)
            {
                if (matches[k] >= 0)
                {
                    found[missing[k]] = candidates[matches[k]];
                }
            }

            if (found.All(f => f is not null))
            {
                break;
            }

            if (listing < listings)
            {
                await Task.Delay(_options.UploadReportDelay, _time, cancellationToken).ConfigureAwait(false);
            }
        }

        return found;
    }
}
