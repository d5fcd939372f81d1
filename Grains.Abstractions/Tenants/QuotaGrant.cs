namespace SampleMind.Grains.Abstractions.Tenants;

/// <summary>
/// What a reservation of a metered resource got: <see cref="Granted"/> of the <see cref="Wanted"/> uses,
/// counted in <see cref="Period"/> (calendar month, UTC). <see cref="Used"/> is the meter's count after the
/// grant; <see cref="Limit"/> null is unlimited.
/// </summary>
public sealed record QuotaGrant(UsageMeter Meter, int Wanted, int Granted, long Used, long? Limit, string Period)
{
    /// <summary>The uses that were asked for and not granted.</summary>
    public int Refused => Wanted - Granted;
}
