namespace SampleMind.Grains.Abstractions.Tenants;

/// <summary>Whether a use of a metered resource fits the plan; <see cref="Limit"/> null is unlimited.</summary>
public sealed record QuotaDecision(bool Allowed, UsageMeter Meter, long Used, long? Limit, string Period);
