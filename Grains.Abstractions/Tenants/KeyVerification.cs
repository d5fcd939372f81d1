namespace SampleMind.Grains.Abstractions.Tenants;

/// <summary>The answer to "is this key valid?": the tenant and scopes when it is, a reason when not.</summary>
public sealed record KeyVerification(bool Valid, string? TenantId, ApiScope Scopes, string? Reason)
{
    public static KeyVerification Rejected(string reason) => new(false, null, ApiScope.None, reason);
}
