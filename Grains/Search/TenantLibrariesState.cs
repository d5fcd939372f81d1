namespace SampleMind.Grains.Search;

/// <summary>The library ids a tenant has searchable samples in.</summary>
public sealed class TenantLibrariesState
{
    /// <summary>The library ids.</summary>
    public List<string> Libraries { get; set; } = [];
}
