using System.Text;

namespace FsMount.OneFichier.Resilience;

/// <summary>
/// What the processes of one account on this host agree on, as kept in the file of <see cref="HostPacing"/>:
/// when the next API call may start, until when a flood answer stops every call, when each folder was
/// last listed, and the one <c>user/info.cgi</c> ask of the last minutes with its answer. Times are UTC ticks; the file is small (a few hundred bytes) and read and written whole.
/// </summary>
internal sealed class HostPacingState
{
    // A new layout gets a new number; a file of another layout (or a torn or damaged write) reads as
    // empty, which costs at most one call's spacing, never a stuck mount.
    private const int Layout = 2;

    /// <summary>The theoretical arrival time of the next call (GCRA): a call may start at this minus the burst's tolerance.</summary>
    public long NextCallTicks { get; set; }

    /// <summary>Until when every call waits after a flood answer to any process of the account.</summary>
    public long FloodUntilTicks { get; set; }

    /// <summary>The endpoint whose flood answer closed the gate, for status.</summary>
    public string FloodEndpoint { get; set; } = "";

    /// <summary>When a process last asked <c>user/info.cgi</c>, which the service allows once per 5 minutes per account.</summary>
    public long AccountInfoAskedTicks { get; set; }

    /// <summary>When the last answer of <c>user/info.cgi</c> arrived; older than the ask while it runs, or after it failed.</summary>
    public long AccountInfoAnsweredTicks { get; set; }

    /// <summary>That answer, as JSON, so every process shows what the one ask of the 5 minutes got.</summary>
    public string AccountInfoAnswer { get; set; } = "";

    /// <summary>When the last listing of any folder started.</summary>
    public long LastListingTicks { get; set; }

    /// <summary>When each folder listed lately was listed.</summary>
    public Dictionary<long, long> ListingTicksByFolder { get; } = [];

    public static HostPacingState ReadFrom(Stream stream)
    {
        var state = new HostPacingState();
        if (stream.Length == 0)
        {
            return state;
        }

        try
        {
            using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            if (reader.ReadInt32() != Layout)
            {
                return new HostPacingState();
            }

            state.NextCallTicks = reader.ReadInt64();
            state.FloodUntilTicks = reader.ReadInt64();
            state.FloodEndpoint = reader.ReadString();
            state.AccountInfoAskedTicks = reader.ReadInt64();
            state.AccountInfoAnsweredTicks = reader.ReadInt64();
            state.AccountInfoAnswer = reader.ReadString();
            state.LastListingTicks = reader.ReadInt64();
            for (var count = reader.ReadInt32(); count > 0; count--)
            {
                state.ListingTicksByFolder[reader.ReadInt64()] = reader.ReadInt64();
            }

            return state;
        }
        catch (Exception damaged) when (damaged is EndOfStreamException or FormatException or DecoderFallbackException)
        {
            return new HostPacingState();
        }
    }

    public void WriteTo(Stream stream)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Layout);
            writer.Write(NextCallTicks);
            writer.Write(FloodUntilTicks);
            writer.Write(FloodEndpoint);
            writer.Write(AccountInfoAskedTicks);
            writer.Write(AccountInfoAnsweredTicks);
            writer.Write(AccountInfoAnswer);
            writer.Write(LastListingTicks);
            writer.Write(ListingTicksByFolder.Count);
            foreach (var (folder, ticks) in ListingTicksByFolder)
            {
                writer.Write(folder);
                writer.Write(ticks);
            }
        }

        stream.Position = 0;
        stream.SetLength(0);
        buffer.Position = 0;
        buffer.CopyTo(stream);
        stream.Flush();
    }

    /// <summary>Forgets the folders listed before <paramref name="ticks"/>: they no longer hold anyone back.</summary>
    public void ForgetListingsBefore(long ticks)
    {
        foreach (var folder in ListingTicksByFolder.Where(pair => pair.Value < ticks).Select(pair => pair.Key).ToList())
        {
            ListingTicksByFolder.Remove(folder);
        }
    }
}
