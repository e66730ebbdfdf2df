using FsMount.OneFichier.Wire;

namespace FsMount.OneFichier;

/// <content>Finding what a call whose answer was lost made, in a listing.</content>
public sealed partial class OneFichierClient
{
    /// <summary>
    /// The newest file of <paramref name="folderId"/> named <paramref name="name"/>, of <paramref name="size"/> bytes,
    /// other than <paramref name="exceptUrl"/>, that the service dated at or after <paramref name="since"/> less
    /// <see cref="OneFichierOptions.ServiceClockSlack"/> (its dates are whole seconds of another clock). A new file
    /// may take a while to be listed, so up to <paramref name="listings"/> <c>file/ls.cgi</c> are made; null when none
    /// showed it.
    /// </summary>
    internal async Task<FileItem?> FindNewFileAsync(long folderId, string name, long size, DateTimeOffset since, string? exceptUrl, int listings, CancellationToken cancellationToken)
    {
        var earliest = since - _options.ServiceClockSlack;
        for (var listing = 1; listing <= listings; listing++)
        {
            var files = await ListFilesAsync(folderId, cancellationToken).ConfigureAwait(false);
            var match = files.Items?
                .Where(f => f.Filename == name && f.Size == size && f.Date >= earliest && f.Url != exceptUrl)
                .MaxBy(f => f.Date);
            if (match is not null)
            {
                return match;
            }

            if (listing < listings)
            {
                await Task.Delay(_options.UploadReportDelay, _time, cancellationToken).ConfigureAwait(false);
            }
        }

        return null;
    }
}
