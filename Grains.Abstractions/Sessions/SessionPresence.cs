namespace SampleMind.Grains.Abstractions.Sessions;

/// <summary>Where a participant is in the project (not part of the document, never persisted).</summary>
/// <param name="Cursor">A free-form position, e.g. a path such as <c>tracks/2/clips/0</c>.</param>
/// <param name="Selection">Ids of the selected tracks, clips or markers.</param>
/// <param name="PlayheadBeat">The participant's playhead, in beats (quarter notes).</param>
public sealed record SessionPresence(string? Cursor, IReadOnlyList<string>? Selection, double? PlayheadBeat);
