namespace SampleMind.Api.Compute;

/// <summary>
/// The body of POST /v1/samples/{id}/separate: 2, 4 or 6 stems; target "hpss" or "vocals"; quality "fast" or "high"; format
/// "wav" or "flac". Only stems is required; the defaults tell the OpenAPI document so.
/// </summary>
public sealed record SeparateRequest(int? Stems, string? Target = null, string? Quality = null, string? Format = null);
