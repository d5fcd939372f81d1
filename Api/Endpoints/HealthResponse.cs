namespace SampleMind.Api.Endpoints;

/// <summary>Body of <c>GET /v1/health</c>.</summary>
public sealed record HealthResponse(string Status, DateTimeOffset Time);
