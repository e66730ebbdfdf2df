namespace FsMount.Emulator;

/// <summary>What the emulator does with a name holding a character the service refuses.</summary>
public enum ForbiddenNameHandling
{
    /// <summary>Answer a KO (<c>Invalid name #541</c>); an upload part with such a name is dropped.</summary>
    Reject,

    /// <summary>Store the name as given.</summary>
    Accept,
}
