namespace SampleMind.Search.Humming;

/// <summary>A reference melody ranked against a hum.</summary>
/// <param name="SampleId">The melodic sample.</param>
/// <param name="Distance">Mean absolute semitone difference along the best alignment; smaller is closer.</param>
/// <param name="Transposition">The semitone shift (beyond median alignment) that fitted best.</param>
public sealed record MelodyMatch(string SampleId, double Distance, double Transposition);
