namespace SampleMind.Grains.Abstractions.Tenants;

/// <summary>A tenant as the API shows it.</summary>
public sealed record TenantInfo(string Id, string Name, string Plan, DateTimeOffset CreatedAt);
