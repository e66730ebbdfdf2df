namespace FsMount.Emulator.Hosting;

/// <summary>Endpoint metadata telling the <see cref="RequestGate"/> which host an endpoint belongs to.</summary>
internal sealed record EndpointKindMetadata(EndpointKind Kind);
