using System.Text;

namespace FsMount.Testing;

public sealed record ProcessResult(int ExitCode, byte[] Output, string Error)
{
    public string OutputText => Encoding.UTF8.GetString(Output);
}
