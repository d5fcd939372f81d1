namespace SampleMind.Api.Compute;

/// <summary>The body of POST /v1/samples/{id}/variations: count 1-8, variance 0..1, optional pitch shift and time ratio.</summary>
public sealed record VariationsRequest(int? Count, double? Variance, double? PitchSemitones, double? TimeRatio);
