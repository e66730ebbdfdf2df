using System.Text.Json.Nodes;
using CsCheck;
using FsMount.Emulator;
using FsMount.Testing;

namespace FsMount.EndToEnd.Tests.Model;

/// <summary>
/// Random sequences of file operations applied both to a local folder (the model: what a disk does)
/// and to the mount, compared after every step (outcome and tree) and at the end of each sequence
/// (bytes). Then the account is mounted again with an empty cache and compared whole, so what
/// reached the service is checked too. One run has the emulator lose answers of committed changes
/// and fail calls; every run is seeded, and a failure prints its seeds to replay it
/// (<c>FSMOUNT_MODEL_SEED</c>; <c>FSMOUNT_MODEL_ITERATIONS</c> runs more sequences than CI's 4).
/// </summary>
public sealed class ModelTests
{
    private static readonly string[] s_files = ["a", "b", "d1/a", "d1/b", "d2/a", "d1/e/a", "d1/e/c"];
    private static readonly string[] s_directories = ["d1", "d2", "d1/e", "d2/e"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public Task Random_operations_leave_the_mount_and_the_service_like_a_local_disk() => RunAsync(faults: null, emulatorSeed: 11);

    [Fact]
    public Task Random_operations_with_lost_answers_and_failing_calls_leave_the_service_like_a_local_disk() =>
        RunAsync(new JsonObject { ["dropResponseRate"] = 0.25, ["serverErrorRate"] = 0.05 }, emulatorSeed: 12);

    private static async Task RunAsync(JsonObject? faults, int emulatorSeed)
    {
        FuseAvailability.RequireOrSkip();
        await using var account = await EmulatedAccount.StartAsync(EmulatorLimitsMode.Relaxed, Token);
        var local = account.CreateDirectory("local");
        var mountPoint = account.CreateDirectory("mnt");
        if (faults is not null)
        {
            faults["seed"] = emulatorSeed;
            await account.SetFaultsAsync(faults, Token);
        }

        var sequences = new List<FileOperation[]>();
        await using (var mount = await FsMountProcess.StartAsync(mountPoint, account.FastEnvironment, account.MountArguments("--write-back", "0s")))
        {
            Operations.Sample(
                operations =>
                {
                    sequences.Add(operations);
                    var run = $"run{sequences.Count - 1}";
                    Check(Path.Combine(local, run), Path.Combine(mountPoint, run), operations);
                },
                iter: int.TryParse(Environment.GetEnvironmentVariable("FSMOUNT_MODEL_ITERATIONS"), out var iterations) ? iterations : 4,
                threads: 1,
                seed: Environment.GetEnvironmentVariable("FSMOUNT_MODEL_SEED"));
            await mount.StopCleanlyAsync();
        }

        if (faults is not null)
        {
            // The run must have met the faults it claims to survive.
            Assert.True((await account.InjectedFaultsAsync(Token)).Dropped > 0, "no answer was dropped");
        }

        await account.SetFaultsAsync(new JsonObject { ["dropResponseRate"] = 0, ["serverErrorRate"] = 0 }, Token);
        await using var check = await FsMountProcess.StartAsync(mountPoint, account.FastEnvironment, account.MountArgumentsWithCache(account.CreateDirectory("check-cache")));
        var runs = string.Join("\n", sequences.Select((operations, i) => $"run{i}: {string.Join("; ", operations.Select(o => o.ToString()))}"));
        AssertSame(TreeSnapshot.Of(local, withContent: true), TreeSnapshot.Of(mountPoint, withContent: true), $"on the service after\n{runs}\n");
        await check.StopCleanlyAsync();
    }

    private static void Check(string local, string mounted, FileOperation[] operations)
    {
        Directory.CreateDirectory(local);
        Directory.CreateDirectory(mounted);
        for (var step = 0; step < operations.Length; step++)
        {
            var operation = operations[step];
            var expected = Outcome(operation, local);
            var actual = Outcome(operation, mounted);
            var steps = $"step {step} of [{string.Join("; ", operations.Select((o, i) => $"{i}: {o}"))}]";
            Assert.True(expected == actual, $"{steps}: the disk says {expected}, the mount {actual}");
            AssertSame(TreeSnapshot.Of(local, withContent: false), TreeSnapshot.Of(mounted, withContent: false), $"after {steps}");
        }

        AssertSame(TreeSnapshot.Of(local, withContent: true), TreeSnapshot.Of(mounted, withContent: true), "at the end");
    }

    private static void AssertSame(IReadOnlyList<string> disk, IReadOnlyList<string> mount, string when)
    {
        Assert.True(disk.SequenceEqual(mount), $"{when}: the disk has [{string.Join(", ", disk)}], the mount [{string.Join(", ", mount)}]");
    }

    private static string Outcome(FileOperation operation, string root)
    {
        try
        {
            operation.Apply(root);
            return "ok";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex.GetType().Name;
        }
    }

    private static Gen<FileOperation[]> Operations
    {
        get
        {
            var file = Gen.Int[0, s_files.Length - 1].Select(i => s_files[i]);
            var directory = Gen.Int[0, s_directories.Length - 1].Select(i => s_directories[i]);
            var length = Gen.Frequency((3, Gen.Int[0, 300]), (1, Gen.Int[0, 200_000]));
            var operation = Gen.Frequency(
                (6, Gen.Select(file, Gen.Int, length, (path, seed, size) => (FileOperation)new CreateFile(path, seed, size))),
                (3, Gen.Select(file, Gen.Int[0, 250_000], Gen.Int, length, (path, offset, seed, size) => (FileOperation)new WriteAt(path, offset, seed, size))),
                (2, Gen.Select(file, Gen.Int, length, (path, seed, size) => (FileOperation)new Append(path, seed, size))),
                (2, Gen.Select(file, Gen.Int[0, 250_000], (path, size) => (FileOperation)new Truncate(path, size))),
                (3, Gen.Select(file, file, (from, to) => (FileOperation)new RenameFile(from, to))),
                (1, Gen.Select(directory, directory, (from, to) => (FileOperation)new RenameDirectory(from, to))),
                (2, file.Select(path => (FileOperation)new DeleteFile(path))),
                (3, directory.Select(path => (FileOperation)new MakeDirectory(path))),
                (1, directory.Select(path => (FileOperation)new RemoveDirectory(path))));
            return operation.Array[10, 30];
        }
    }
}
