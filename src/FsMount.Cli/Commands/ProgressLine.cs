namespace FsMount.Cli.Commands;

/// <summary>
/// One progress line on an output: on a terminal rewritten in place; elsewhere (a log, a service manager)
/// written as a line of its own when it says something new, at most once per interval.
/// </summary>
internal sealed class ProgressLine
{
    private readonly TextWriter _output;
    private readonly bool _terminal;
    private readonly TimeSpan _plainInterval;
    private DateTimeOffset _lastPlainAt = DateTimeOffset.MinValue;
    private string? _lastPlain;

    public ProgressLine(TextWriter output, bool terminal, TimeSpan plainInterval)
    {
        _output = output;
        _terminal = terminal;
        _plainInterval = plainInterval;
    }

    /// <summary>Whether a line was drawn in place and not yet ended.</summary>
    public bool IsDrawn { get; private set; }

    public void Show(string line)
    {
        if (_terminal)
        {
            _output.Write("\r" + line + "\u001b[K");
            IsDrawn = true;
        }
        else if (line != _lastPlain && DateTimeOffset.UtcNow - _lastPlainAt >= _plainInterval)
        {
            _output.WriteLine(line);
            _lastPlain = line;
            _lastPlainAt = DateTimeOffset.UtcNow;
        }
    }

    /// <summary>Ends a line drawn in place, so what follows starts on a line of its own.</summary>
    public void Finish()
    {
        if (IsDrawn)
        {
            _output.WriteLine();
            IsDrawn = false;
        }
    }
}
