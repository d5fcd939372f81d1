namespace SampleMind.Grains.Abstractions.Tenants;

/// <summary>What a tenant's usage counters count against the plan's quotas.</summary>
public enum UsageMeter
{
    StemSeparations,
    Variations,
    IngestedFiles,
}
