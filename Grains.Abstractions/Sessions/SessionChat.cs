namespace SampleMind.Grains.Abstractions.Sessions;

/// <summary>A chat line, broadcast to every participant (not persisted).</summary>
/// <param name="ClientId">Who wrote it.</param>
/// <param name="Text">The text (at most 2,000 characters).</param>
/// <param name="At">When the session received it.</param>
public sealed record SessionChat(string ClientId, string Text, DateTimeOffset At);
