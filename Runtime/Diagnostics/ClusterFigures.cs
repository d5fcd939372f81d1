namespace SampleMind.Runtime.Diagnostics;

/// <summary>
/// What the membership and lease tables say about the whole cluster (cluster mode; empty in
/// embedded mode): each live silo's published figures and the latest membership events.
/// </summary>
/// <param name="Silos">Every live silo, by silo id.</param>
/// <param name="Events">The latest membership events, oldest first.</param>
public sealed record ClusterFigures(IReadOnlyDictionary<string, SiloFigures> Silos, IReadOnlyList<MembershipEvent> Events)
{
    /// <summary>No silos, no events.</summary>
    public static ClusterFigures Empty { get; } = new(new Dictionary<string, SiloFigures>(), []);
}
