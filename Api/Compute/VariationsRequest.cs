namespace SampleMind.Api.Compute;

/// <summary>
/// The body of POST /v1/samples/{id}/variations: count 1-8, variance 0..1 (default 0.1), optional pitch shift and time
/// ratio. Only count is required; the defaults tell the OpenAPI document so.
/// </summary>
public sealed record VariationsRequest(int? Count, double? Variance = null, double? PitchSemitones = null, double? TimeRatio = null);
