namespace FsMount.EndToEnd.Tests.Functional;

/// <summary>On a real mount served by the fsmount command.</summary>
public sealed class MountSuite(MountFixture fixture) : FunctionalSuite(fixture), IClassFixture<MountFixture>;
