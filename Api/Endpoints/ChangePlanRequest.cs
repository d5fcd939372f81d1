namespace SampleMind.Api.Endpoints;

/// <summary>Body of <c>PATCH /v1/tenants/{id}</c>.</summary>
/// <param name="Plan">free, pro or studio.</param>
public sealed record ChangePlanRequest(string? Plan);
