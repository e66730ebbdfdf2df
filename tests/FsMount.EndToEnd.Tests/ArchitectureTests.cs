using System.Reflection;

namespace FsMount.EndToEnd.Tests;

/// <summary>
/// Dependencies point down only (design.md): the core knows no adapter, no HTTP client and no
/// emulator; the adapters know only the core; the emulator stands alone, so a misreading of the
/// API cannot hide by agreeing with the client.
/// </summary>
public sealed class ArchitectureTests
{
    public static TheoryData<string, string[]> AllowedReferences => new()
    {
        { "FsMount.Core", [] },
        { "FsMount.OneFichier", ["FsMount.Core"] },
        { "FsMount.Fuse", ["FsMount.Core"] },
        { "FsMount.WinFsp", ["FsMount.Core"] },
        { "FsMount.Emulator", [] },
        { "fsmount", ["FsMount.Core", "FsMount.OneFichier", "FsMount.Fuse", "FsMount.WinFsp", "FsMount.Emulator"] },
    };

    [Theory]
    [MemberData(nameof(AllowedReferences))]
    public void Project_references_point_down_only(string assemblyName, string[] allowed)
    {
        var assembly = Assembly.Load(assemblyName);

        var ours = assembly.GetReferencedAssemblies()
            .Select(reference => reference.Name!)
            .Where(name => name.StartsWith("FsMount.", StringComparison.Ordinal) || name == "fsmount")
            .Order(StringComparer.Ordinal);

        Assert.Equal(allowed.Order(StringComparer.Ordinal), ours);
    }
}
