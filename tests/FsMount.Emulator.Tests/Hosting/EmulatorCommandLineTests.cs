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

    [Fact]
    public void Every_setting_the_help_lists_is_accepted()
    {
        Assert.All(EmulatorSettings.All, setting =>
        {
            string[] args = ["--data", "/tmp/x", "--" + setting.Name, SampleValue(setting.ValueName)];

            EmulatorCommandLine.Parse(args, new ConfigurationBuilder().AddCommandLine(args).Build());
        });
    }

    [Fact]
    public void Stalls_are_set_from_the_command_line()
    {
        string[] args = ["--data", "/tmp/x", "--stall-rate", "0.5", "--stall=3s"];

        EmulatorOptions options = EmulatorCommandLine.Parse(args, new ConfigurationBuilder().AddCommandLine(args).Build());

        Assert.Equal(0.5, options.Faults.StallRate);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Faults.StallDuration);
    }

    private static string SampleValue(string valueName) => valueName switch
    {
        "DIR" => "/tmp/y",
        "URLS" or "URL" => "http://127.0.0.1:0",
        "KEY" => "Key_0123456789",
        "strict|relaxed|off" => "off",
        "374|412" => "412",
        "reject|accept" => "accept",
        "N" => "3",
        "DURATION" => "5s",
        "BOOL" => "true",
        "SIZE" => "10MB",
        "RATE" => "1Mbit",
        "P" => "0.5",
        "LIST" => "upload.cgi",
        _ => throw new ArgumentOutOfRangeException(nameof(valueName), valueName, "no sample value for this kind of setting"),
    };
}
