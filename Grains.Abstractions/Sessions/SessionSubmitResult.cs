namespace SampleMind.Grains.Abstractions.Sessions;

/// <summary>The answer to a submitted op (or an undo).</summary>
/// <param name="Status">Committed, duplicate or rejected.</param>
/// <param name="Revision">The op's revision (the original one for a duplicate); the current revision when rejected.</param>
/// <param name="Reason">Why it was rejected.</param>
public sealed record SessionSubmitResult(SessionSubmitStatus Status, long Revision, string? Reason);
