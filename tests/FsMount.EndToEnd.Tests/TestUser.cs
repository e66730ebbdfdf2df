using System.Diagnostics;
using System.Globalization;
using FsMount.Testing;

namespace FsMount.EndToEnd.Tests;

/// <summary>
/// A normal (non-root) user the test creates, with a home folder of its own, to run programs as it
/// through setpriv. Disposing removes the user if the test created it, and its home.
/// </summary>
internal sealed class TestUser : IAsyncDisposable
{
    private readonly bool _created;

    private TestUser(string name, uint id, string home, bool created)
    {
        Name = name;
        Id = id;
        Home = home;
        _created = created;
    }

    public string Name { get; }

    /// <summary>Its user id, also its group id (useradd --user-group).</summary>
    public uint Id { get; }

    public string Home { get; }

    public static async Task<TestUser> CreateAsync(string name, string home)
    {
        var exists = (await ChildProcess.RunAsync("id", "-u", name)).ExitCode == 0;
        if (!exists)
        {
            await ChildProcess.OutputOfAsync("useradd", "--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", name);
        }

        var id = uint.Parse((await ChildProcess.OutputOfAsync("id", "-u", name)).Trim(), CultureInfo.InvariantCulture);
        Directory.CreateDirectory(home);
        var user = new TestUser(name, id, home, created: !exists);
        await user.OwnAsync(home);
        return user;
    }

    /// <summary>Gives <paramref name="path"/> (and what is inside) to the user.</summary>
    public Task OwnAsync(string path) => ChildProcess.OutputOfAsync("chown", "-R", $"{Name}:{Name}", path);

    /// <summary>Start information that runs <paramref name="command"/> as the user, with its home and no other group.</summary>
    public ProcessStartInfo StartInfo(params string[] command)
    {
        var startInfo = ChildProcess.StartInfo("setpriv", ["--reuid", Name, "--regid", Name, "--clear-groups", "--", .. command]);
        startInfo.Environment["HOME"] = Home;
        return startInfo;
    }

    public Task<ProcessResult> RunAsync(params string[] command) => ChildProcess.RunAsync(TimeSpan.FromMinutes(1), StartInfo(command));

    public async ValueTask DisposeAsync()
    {
        if (_created)
        {
            await ChildProcess.RunAsync("userdel", Name);
        }
    }
}
