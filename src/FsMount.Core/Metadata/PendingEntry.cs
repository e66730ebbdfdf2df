namespace FsMount.Core.Metadata;

/// <summary>An entry our own mutation put in a folder, shown until a listing confirms it (staged files: until uploaded).</summary>
internal sealed record PendingEntry(ListingEntry Entry, DateTimeOffset Since);
