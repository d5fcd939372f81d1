namespace SampleMind.Grains.Abstractions.Tenants;

/// <summary>
/// A product plan and its monthly quotas. A null quota means unlimited.
/// </summary>
/// <param name="Name">Plan name: "free", "pro" or "studio".</param>
/// <param name="MonthlyStemSeparations">Stem separations per calendar month (UTC).</param>
/// <param name="MonthlyVariations">Variation requests per calendar month (UTC).</param>
/// <param name="MonthlyIngestedFiles">Files ingested per calendar month (UTC).</param>
/// <param name="RequestsPerMinute">Sustained API requests per minute per key.</param>
public sealed record TenantPlan(
    string Name,
    int? MonthlyStemSeparations,
    int? MonthlyVariations,
    int? MonthlyIngestedFiles,
    int RequestsPerMinute)
{
    /// <summary>Free: 5 stem separations, 20 variations and 10,000 ingested files a month.</summary>
    public static TenantPlan Free { get; } = new("free", 5, 20, 10_000, 120);

    /// <summary>Pro: unlimited separations and variations, 1,000,000 ingested files a month.</summary>
    public static TenantPlan Pro { get; } = new("pro", null, null, 1_000_000, 1_200);

    /// <summary>Studio: unlimited everything, higher request rate.</summary>
    public static TenantPlan Studio { get; } = new("studio", null, null, null, 6_000);

    /// <summary>The plan with the given name (case-insensitive), or null.</summary>
    public static TenantPlan? FromName(string name) => name.ToUpperInvariant() switch
    {
        "FREE" => Free,
        "PRO" => Pro,
        "STUDIO" => Studio,
        _ => null,
    };
}
