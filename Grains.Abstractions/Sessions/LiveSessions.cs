namespace SampleMind.Grains.Abstractions.Sessions;

/// <summary>Constants of <see cref="ILiveSessionsGrain"/>.</summary>
public static class LiveSessions
{
    /// <summary>The one key the grain is used with.</summary>
    public const string ClusterKey = "cluster";

    /// <summary>How often a session with participants looks whether it has something new to report.</summary>
    public static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(1);

    /// <summary>A session with participants reports at least this often (and every second while ops commit).</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(5);

    /// <summary>How long a session's last report is shown without a newer one.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(20);
}
