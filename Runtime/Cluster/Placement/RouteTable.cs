namespace SampleMind.Runtime.Cluster.Placement;

/// <summary>The caller's cache: partition → owning silo, and the live silos per ring.</summary>
internal sealed class RouteTable(int partitions)
{
    private SiloEntry?[][] _owners = NewOwners(partitions);
    private IReadOnlyList<SiloEntry>[] _members = [.. Rings.All.Select(_ => (IReadOnlyList<SiloEntry>)[])];

    public SiloEntry? Owner(int ring, int partition) => Volatile.Read(ref _owners)[ring][partition];

    public IReadOnlyList<SiloEntry> Members(int ring) => Volatile.Read(ref _members)[ring];

    public IReadOnlyList<SiloEntry> AllMembers => Members(0);

    public void Update(IReadOnlyList<SiloEntry> active, IEnumerable<(int Ring, int Partition, string Instance)> owners)
    {
        var byInstance = active.ToDictionary(s => s.Instance, StringComparer.Ordinal);
        var table = NewOwners(partitions);
        foreach (var (ring, partition, instance) in owners)
        {
            if (ring >= 0 && partition < partitions && byInstance.TryGetValue(instance, out var silo))
            {
                table[ring][partition] = silo;
            }
        }

        var members = Rings.All.Select((ring, i) => (IReadOnlyList<SiloEntry>)[.. active.Where(s => i == 0 || s.Roles.Contains(ring))]).ToArray();
        Volatile.Write(ref _members, members);
        Volatile.Write(ref _owners, table);
    }

    private static SiloEntry?[][] NewOwners(int partitions) => [.. Rings.All.Select(_ => new SiloEntry?[partitions])];
}
