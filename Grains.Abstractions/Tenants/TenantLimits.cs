namespace SampleMind.Grains.Abstractions.Tenants;

/// <summary>Bounds a tenant grain enforces.</summary>
public static class TenantLimits
{
    /// <summary>The most keys a tenant may have in use (not revoked) at once; rotating one at the limit is allowed.</summary>
    public const int MaxActiveKeys = 100;

    /// <summary>The revoked keys a tenant's listing keeps (the latest revoked); older ones leave it and stay revoked.</summary>
    public const int MaxRevokedKeysListed = 100;
}
