namespace FsMount.Emulator.Hosting;

/// <summary>One setting of <c>fsmount emulator</c>: given as <c>--Name VALUE</c> or <c>--Name=VALUE</c>.</summary>
/// <param name="Name">The option's name without dashes, which is also its configuration key.</param>
/// <param name="ValueName">What the value is, as the help shows it (DIR, DURATION, P ...).</param>
/// <param name="Description">One line for the help; the emulator's README has the full table.</param>
public sealed record EmulatorSetting(string Name, string ValueName, string Description);
