namespace FsMount.EndToEnd.Tests.Functional;

/// <summary>Through the FUSE bridge over the in-memory channel, over the real core.</summary>
public sealed class BridgeSuite(BridgeFixture fixture) : FunctionalSuite(fixture), IClassFixture<BridgeFixture>;
