using SampleMind.Grains.Abstractions.Tenants;

namespace SampleMind.Grains.Tenants;

/// <summary>A grant a tenant remembers under its reservation key, so that asking again returns it unchanged.</summary>
public sealed record QuotaReservation(string Key, QuotaGrant Grant);
