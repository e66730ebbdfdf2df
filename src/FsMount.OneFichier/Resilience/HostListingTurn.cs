namespace FsMount.OneFichier.Resilience;

/// <summary>
/// A listing's turn in the file of <see cref="HostPacing"/>: when it was taken and what the file held
/// before, so a listing that never reached the service can give it back to every process.
/// </summary>
internal readonly record struct HostListingTurn(long FolderId, long Ticks, long? PreviousFolderTicks, long PreviousAnyTicks);
