namespace SampleMind.Grains.Abstractions.Tenants;

/// <summary>Bounds a tenant grain enforces.</summary>
public static class TenantLimits
{
    /// <summary>The most keys a tenant may have in use (not revoked) at once; rotating one at the limit is allowed.</summary>
    public const int MaxActiveKeys = 100;
}
