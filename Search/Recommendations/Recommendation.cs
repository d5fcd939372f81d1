namespace SampleMind.Search.Recommendations;

/// <summary>A suggested sample with the reason it fits.</summary>
/// <param name="SampleId">The sample suggested.</param>
/// <param name="Role">The role it would fill.</param>
/// <param name="Score">Higher is a better fit.</param>
/// <param name="Why">A sentence for the user, e.g. "Adds bass, which the project lacks; in A minor (8A), relative to C major; 70 BPM loop, half-time of 140 BPM."</param>
public sealed record Recommendation(string SampleId, SampleRole Role, double Score, string Why);
