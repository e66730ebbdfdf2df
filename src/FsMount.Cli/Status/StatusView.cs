using System.Globalization;
using System.Text;
using FsMount.Cli.Commands;

namespace FsMount.Cli.Status;

/// <summary>The human form of a <see cref="StatusSnapshot"/>: one block per mount, a progress bar per running upload.</summary>
internal static class StatusView
{
    private const int BarWidth = 20;
    private const int ShownWaiting = 5;

    public static string Render(StatusSnapshot status)
    {
        var text = new StringBuilder();
        Line(text, $"{status.MountPoint}: {status.Source}, up {Duration(status.UptimeSeconds)} (pid {status.ProcessId})");

        var uploads = status.Uploads;
        Line(text, uploads.PendingFiles == 0
            ? "  uploads: none pending"
            : $"  uploads: {uploads.PendingFiles} pending, {FlushProgress.Bytes(uploads.PendingBytes)}; {uploads.Running} running{(uploads.Failing > 0 ? $", {uploads.Failing} failing (retried)" : "")}");
        foreach (var file in uploads.Files.Where(file => file.Running))
        {
            Line(text, $"    {file.Name} {Bar(file.BytesSent, file.Size)} {Progress(file)}");
        }

        var waiting = uploads.Files.Where(file => !file.Running).ToList();
        foreach (var file in waiting.Take(ShownWaiting))
        {
            Line(text, $"    {file.Name} ({FlushProgress.Bytes(file.Size)}) waiting");
        }

        if (waiting.Count > ShownWaiting)
        {
            Line(text, $"    ... and {waiting.Count - ShownWaiting} more waiting");
        }

        var cache = status.Cache;
        Line(text, $"  cache: {FlushProgress.Bytes(cache.UsedBytes)} of {FlushProgress.Bytes(cache.MaxBytes)} used");

        var api = status.Api;
        var calls = api.Calls.Count == 0
            ? "none"
            : string.Join(", ", api.Calls.Select(call => $"{call.Endpoint} {call.Calls}{(call.Failures > 0 ? $" ({call.Failures} failed)" : "")}"));
        Line(text, $"  API calls, last {api.WindowMinutes} min: {calls}");
        foreach (var pause in api.Pauses)
        {
            var left = Math.Max(0, (pause.Until - status.TakenAt).TotalSeconds);
            Line(text, $"  paused: {pause.What} waits {Duration(left)} more (until {pause.Until.ToLocalTime():HH:mm:ss}): {pause.Why}");
        }

        if (status.RecentProblems.Count > 0)
        {
            Line(text, "  recent problems:");
            foreach (var problem in status.RecentProblems)
            {
                Line(text, $"    {problem.Time.ToLocalTime():HH:mm:ss} {problem.Level}: {problem.Message}");
            }
        }

        return text.ToString();
    }

    /// <summary>A bar of <see cref="BarWidth"/> cells and the percentage, e.g. <c>[#####               ]  25%</c>.</summary>
    public static string Bar(long done, long total)
    {
        var share = total <= 0 ? 1 : Math.Clamp(done / (double)total, 0, 1);
        var cells = (int)(share * BarWidth);
        return string.Create(CultureInfo.InvariantCulture, $"[{new string('#', cells)}{new string(' ', BarWidth - cells)}] {share * 100,3:0}%");
    }

    /// <summary>Bytes sent of the size, rate and time left of a running upload.</summary>
    public static string Progress(UploadStatus file)
    {
        var rate = file.BytesPerSecond is { } perSecond ? $", {FlushProgress.Bytes((long)perSecond)}/s" : "";
        var eta = file.EtaSeconds is { } seconds ? $", {Duration(seconds)} left" : "";
        return $"{FlushProgress.Bytes(file.BytesSent)} of {FlushProgress.Bytes(file.Size)}{rate}{eta}";
    }

    public static string Duration(double seconds)
    {
        var time = TimeSpan.FromSeconds(Math.Round(seconds));
        return time.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours}h{time.Minutes:00}m")
            : time.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{time.Minutes}m{time.Seconds:00}s")
            : string.Create(CultureInfo.InvariantCulture, $"{time.Seconds}s");
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
