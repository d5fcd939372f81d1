namespace SampleMind.Grains.Abstractions.Tenants;

/// <summary>A tenant's usage in the current period (calendar month, UTC) against its plan.</summary>
public sealed record UsageReport(string TenantId, string Period, TenantPlan Plan, IReadOnlyDictionary<UsageMeter, long> Used);
