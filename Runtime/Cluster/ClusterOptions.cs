namespace SampleMind.Runtime.Cluster;

/// <summary>Cluster mode's settings, bound from the configuration section "Cluster".</summary>
public sealed class ClusterOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Cluster";

    /// <summary>"embedded" (default: one process, no cluster services) or "cluster".</summary>
    public string Mode { get; set; } = "embedded";

    /// <summary>Npgsql connection string of the cluster database (membership, leases, grain state).</summary>
    public string Postgres { get; set; } = "";

    /// <summary>Partitions per ring (fixed for the life of a database: the first silo records it, and a silo with another count is refused at start). Default 64.</summary>
    public int Partitions { get; set; } = 64;

    /// <summary>How long a partition lease lasts unless renewed (renewed every third of it). Default 15 s.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often this silo writes its heartbeat. Default 2 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A silo whose heartbeat is older than this is declared dead. Default 15 s.</summary>
    public TimeSpan SiloTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// This silo's address for silo-to-silo calls, "http://host:port" (cleartext HTTP/2). The silo
    /// listens on its port on the advertised host only (see <see cref="ListenAddress"/>). Required in cluster mode.
    /// </summary>
    public string AdvertisedAddress { get; set; } = "";

    /// <summary>
    /// The IP address the silo-to-silo endpoint binds (e.g. "0.0.0.0" in a container whose advertised
    /// name resolves elsewhere). Default: the advertised host itself: an IP literal, loopback for
    /// "localhost", or the addresses a host name resolves to at start.
    /// </summary>
    public string? ListenAddress { get; set; }

    /// <summary>
    /// How long a call keeps retrying while its grain's partition has no reachable owner (moving,
    /// owner just died). Default: lease duration + silo timeout + 5 s.
    /// </summary>
    public TimeSpan? RetryTimeout { get; set; }

    /// <summary>
    /// How often this silo's reminder scheduler node checks in with the others (Quartz's clustered
    /// job store). A node silent for this plus 7.5 s is taken to be dead and its triggers move on. Default 7.5 s, at least 0.5 s.
    /// </summary>
    public TimeSpan ReminderCheckinInterval { get; set; } = TimeSpan.FromSeconds(7.5);

    /// <summary>True when <see cref="Mode"/> is "cluster".</summary>
    public bool IsCluster => string.Equals(Mode, "cluster", StringComparison.OrdinalIgnoreCase);

    /// <summary>The effective retry budget.</summary>
    public TimeSpan EffectiveRetryTimeout => RetryTimeout ?? LeaseDuration + SiloTimeout + TimeSpan.FromSeconds(5);

    /// <summary>How often the membership and lease loop runs: the heartbeat interval, at most a third of the lease.</summary>
    public TimeSpan TickInterval => HeartbeatInterval < LeaseDuration / 3 ? HeartbeatInterval : LeaseDuration / 3;

    /// <summary>
    /// How long before its lease can expire a silo stops serving a partition that it could not renew:
    /// a sixth of the lease (the lease's clock starts at the database, after this silo sent the renewal).
    /// </summary>
    public TimeSpan LeaseSafetyMargin => LeaseDuration / 6;
}
