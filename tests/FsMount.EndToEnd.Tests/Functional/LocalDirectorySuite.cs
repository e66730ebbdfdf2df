namespace FsMount.EndToEnd.Tests.Functional;

/// <summary>On a plain local directory: proves the suite expects what Linux does.</summary>
public sealed class LocalDirectorySuite(LocalDirectoryFixture fixture) : FunctionalSuite(fixture), IClassFixture<LocalDirectoryFixture>;
