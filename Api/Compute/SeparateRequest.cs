namespace SampleMind.Api.Compute;

/// <summary>The body of POST /v1/samples/{id}/separate: 2, 4 or 6 stems; target "hpss" or "vocals"; quality "fast" or "high"; format "wav" or "flac".</summary>
public sealed record SeparateRequest(int? Stems, string? Target, string? Quality, string? Format = null);
