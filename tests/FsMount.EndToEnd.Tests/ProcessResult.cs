namespace FsMount.EndToEnd.Tests;

internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);
