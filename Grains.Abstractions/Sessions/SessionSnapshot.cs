namespace SampleMind.Grains.Abstractions.Sessions;

/// <summary>The project document at one revision, as JSON text.</summary>
/// <param name="Revision">The revision.</param>
/// <param name="Document">The project document's JSON.</param>
public sealed record SessionSnapshot(long Revision, string Document);
