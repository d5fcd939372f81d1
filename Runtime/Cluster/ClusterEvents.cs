using System.Diagnostics;

namespace SampleMind.Runtime.Cluster;

/// <summary>
/// Cluster lifecycle events on <c>DiagnosticListener("SampleMind.Cluster")</c>, each with a
/// <see cref="ClusterEvent"/> payload, so tests and tools can wait on them.
/// </summary>
public static class ClusterEvents
{
    /// <summary>The listener's name.</summary>
    public const string ListenerName = "SampleMind.Cluster";

    /// <summary>This silo joined the membership table (also after a rejoin).</summary>
    public const string Joined = "SampleMind.Cluster.Joined";

    /// <summary>This silo took a partition lease.</summary>
    public const string LeaseAcquired = "SampleMind.Cluster.LeaseAcquired";

    /// <summary>This silo lost a lease it held (not renewed in time, or taken over).</summary>
    public const string LeaseLost = "SampleMind.Cluster.LeaseLost";

    /// <summary>This silo handed a partition off (deactivated its grains and released the lease).</summary>
    public const string LeaseReleased = "SampleMind.Cluster.LeaseReleased";

    /// <summary>This silo declared another dead (Detail: the dead instance).</summary>
    public const string SiloDeclaredDead = "SampleMind.Cluster.SiloDeclaredDead";

    /// <summary>This silo found itself declared dead and stopped serving.</summary>
    public const string DeclaredDeadSelf = "SampleMind.Cluster.DeclaredDeadSelf";

    internal static readonly DiagnosticListener Listener = new(ListenerName);

    internal static void Write(string name, ClusterEvent payload)
    {
        if (Listener.IsEnabled(name))
        {
            Listener.Write(name, payload);
        }
    }
}
