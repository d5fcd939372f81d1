namespace SampleMind.Runtime.Hosting;

/// <summary>The silo's settings, bound from the configuration section "Silo".</summary>
public sealed class SiloOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Silo";

    /// <summary>All roles; embedded mode has every one.</summary>
    public static readonly IReadOnlyList<string> AllRoles = ["api", "cpu", "gpu"];

    /// <summary>This silo's id. Default: "silo-" and a random suffix.</summary>
    public string SiloId { get; set; } = "silo-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The roles this silo serves ("api", "cpu", "gpu"). Default (empty): all of them.</summary>
    public IList<string> Roles { get; set; } = [];

    /// <summary>Where the SQLite files live (samplemind.db, reminders.db). Default "./data".</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>
    /// Grain storage: "sqlite" (default; <c>DataDirectory/samplemind.db</c>), "memory", or "postgres"
    /// (cluster mode: <c>Cluster:Postgres</c>; needs <c>AddSampleMindCluster</c>).
    /// </summary>
    public string Storage { get; set; } = "sqlite";

    /// <summary>Activations idle longer than this are deactivated. Default 15 minutes.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for. Default 1 minute.</summary>
    public TimeSpan CollectionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A call with no response within this fails with <see cref="GrainCallTimeoutException"/>. Default 30 s.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The shortest reminder period accepted. Default 1 minute; at least 1 s (tests use 1 s).</summary>
    public TimeSpan MinimumReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a graceful stop (SIGTERM) reports the silo not ready (<c>/v1/health/ready</c> 503,
    /// status draining) while it still serves calls, before it hands partitions off and stops, so that
    /// load balancers and Kubernetes stop sending it traffic first. Default 1 s; 0 to 5 minutes.
    /// </summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary><see cref="Roles"/>, or all roles when none are given.</summary>
    public IReadOnlyList<string> EffectiveRoles => Roles.Count == 0 ? AllRoles : [.. Roles.Distinct(StringComparer.Ordinal)];
}
