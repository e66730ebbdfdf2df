namespace FsMount.OneFichier.Resilience;

/// <summary>
/// A listing's turn at the <see cref="ListingSpacer"/>: the slot claimed, and what the spacer held
/// before, so a listing that never reached the service can give its turn back.
/// </summary>
internal readonly record struct ListingClaim(long FolderId, DateTimeOffset Slot, DateTimeOffset? PreviousFolderSlot, DateTimeOffset PreviousAnySlot);
