namespace FsMount.OneFichier.Transfers;

/// <summary>
/// Pairs the files an upload sent with the files a report or a listing shows, by name and size: the service gives
/// no other key back, and one upload may hold several files of one name and size, so each shown file serves one
/// sent file at most, in order.
/// </summary>
internal static class UploadMatcher
{
    /// <summary>
    /// For each of <paramref name="wanted"/>, in order, the index of the first of <paramref name="shown"/> with its
    /// name and size that no earlier one took; -1 when none is left.
    /// </summary>
    public static int[] Match(IReadOnlyList<(string Name, long Size)> wanted, IReadOnlyList<(string Name, long Size)> shown)
    {
        var taken = new bool[shown.Count];
        var matches = new int[wanted.Count];
        for (var i = 0; i < wanted.Count; i++)
        {
            matches[i] = -1;
            for (var j = 0; j < shown.Count; j++)
            {
                if (!taken[j] && shown[j] == wanted[i])
                {
                    taken[j] = true;
                    matches[i] = j;
                    break;
                }
            }
        }

        return matches;
    }
}
