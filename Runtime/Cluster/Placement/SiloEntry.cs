namespace SampleMind.Runtime.Cluster.Placement;

/// <summary>A live silo as the membership table shows it.</summary>
/// <param name="Instance">Unique per start: "siloId@incarnation"; owns leases.</param>
/// <param name="SiloId">The configured silo id (stable across restarts).</param>
/// <param name="Address">Its silo-to-silo address, http://host:port.</param>
/// <param name="Roles">Its roles.</param>
internal sealed record SiloEntry(string Instance, string SiloId, string Address, string[] Roles)
{
    public ulong IdHash { get; } = StableHash.Of(SiloId);
}
