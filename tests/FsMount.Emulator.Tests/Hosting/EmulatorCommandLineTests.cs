using FsMount.Emulator.Hosting;
using Microsoft.Extensions.Configuration;

namespace FsMount.Emulator.Tests.Hosting;

public sealed class EmulatorCommandLineTests
{
    [Fact]
    public void Drop_response_faults_and_the_fault_seed_are_read_from_the_command_line()
    {
        string[] args = ["--data", "/tmp/x", "--drop-response-rate", "0.25", "--drop-response-endpoints", "folder/mkdir.cgi, upload.cgi", "--fault-seed=-7"];

        EmulatorOptions options = EmulatorCommandLine.Parse(args, new ConfigurationBuilder().AddCommandLine(args).Build());

        Assert.Equal(0.25, options.Faults.DropResponseRate);
        Assert.Equal(["folder/mkdir.cgi", "upload.cgi"], options.Faults.DropResponseEndpoints);
        Assert.Equal(-7, options.FaultSeed);
    }

    [Fact]
    public void Without_a_seed_none_is_set()
    {
        string[] args = ["--data", "/tmp/x"];

        EmulatorOptions options = EmulatorCommandLine.Parse(args, new ConfigurationBuilder().AddCommandLine(args).Build());

        Assert.Null(options.FaultSeed);
        Assert.Empty(options.Faults.DropResponseEndpoints);
    }
}
