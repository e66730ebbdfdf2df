namespace FsMount.EndToEnd.Tests.Functional;

/// <summary>Through the core in-process, over the emulated account.</summary>
public sealed class CoreSuite(CoreFixture fixture) : FunctionalSuite(fixture), IClassFixture<CoreFixture>;
