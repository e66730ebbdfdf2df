namespace FsMount.OneFichier.Tests.Support;

/// <summary>Emulator options a test needs beyond the limits and faults; null keeps the emulator's default.</summary>
internal sealed record EmulatorSettings(
    long? StorageQuota = null,
    long? MaxFileSize = null,
    TimeProvider? Clock = null,
    bool DuplicateFolderNames = false,
    double? RequestsPerSecond = null,
    TimeSpan? FolderListingInterval = null);
