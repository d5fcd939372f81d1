namespace SampleMind.Grains.Abstractions.Tenants;

/// <summary>What <see cref="ITenantGrain.RevokeKey"/> did.</summary>
public enum KeyRevocation
{
    /// <summary>The key is revoked (or was already).</summary>
    Revoked,

    /// <summary>The tenant has no such key.</summary>
    NoSuchKey,

    /// <summary>Refused: the key is the tenant's last active key with the admin scope, which was asked to be kept.</summary>
    LastAdminKey,
}
