namespace SampleMind.Api;

/// <summary>Options of the API host, bound from the "Api" section.</summary>
public sealed class ApiOptions
{
    /// <summary>Where the first admin key's token is written at first start (default &lt;Silo:SharedDirectory&gt;/admin.key).</summary>
    public string AdminKeyFile { get; set; } = Path.Combine("data", "admin.key");

    /// <summary>
    /// When the operator tenant exists but <see cref="AdminKeyFile"/> holds no working admin key of it (missing, revoked,
    /// rotated away), issue a new admin key at start and write it there (default false: the start only says so). A file
    /// that holds a working key is left alone, so the setting may stay on; set it on one host of a cluster.
    /// </summary>
    public bool IssueAdminKey { get; set; }

    /// <summary>
    /// Where uploaded files and manifests are stored, one folder per tenant and job (default
    /// &lt;Silo:SharedDirectory&gt;/uploads): in cluster mode every silo's workers read them.
    /// </summary>
    public string UploadDirectory { get; set; } = Path.Combine("data", "uploads");

    /// <summary>
    /// Largest request body in bytes (default 1 MiB): every JSON body. Uploads and text manifests have their own limit
    /// (Ingest:MaxUploadBytes), a hummed clip its own 8 MiB.
    /// </summary>
    public long MaxJsonBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// How long the body of an upload, a text manifest or a hummed clip may send nothing before the request is dropped
    /// with a 408 and nothing of it kept (default 1 minute; 1 s to 1 hour). Kestrel's minimum data rate averages over the
    /// whole body, so it does not catch a client that stops after a fast start.
    /// </summary>
    public TimeSpan BodyIdleTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest request target (path and query) in bytes (default 8 KiB); a longer one is a 414 problem.</summary>
    public int MaxRequestTargetBytes { get; set; } = 8 * 1024;

    /// <summary>Largest size of a request's header lines together, in bytes (default 32 KiB); more is a 431 problem.</summary>
    public int MaxRequestHeadersBytes { get; set; } = 32 * 1024;

    /// <summary>Most header lines a request may have (default 100); more is a 431 problem.</summary>
    public int MaxRequestHeaderCount { get; set; } = 100;

    /// <summary>Requests per minute an unauthenticated client (by address) may make before 429 (default 60).</summary>
    public int AnonymousRequestsPerMinute { get; set; } = 60;

    /// <summary>
    /// How long a job's event stream with nothing new stays silent before a comment line (<c>: keep-alive</c>) keeps
    /// proxies and clients with read timeouts from closing it (default 15 s; 1 s to 5 minutes).
    /// </summary>
    public TimeSpan StreamKeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Longest variation a request may ask for (default 5 minutes; 1 s to 1 hour, and never past what a sample may last,
    /// AudioAnalyzerOptions:MaxDuration): a variation is made and analysed in memory, about 170 MB a minute of stereo audio at its peak,
    /// so a longer source is refused before any quota is used.
    /// </summary>
    public TimeSpan MaxVariationLength { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a session socket may stay open without a <c>hello</c> before it is closed (1008, <c>no hello</c>), so
    /// that sockets that never join hold nothing for long (default 30 s; 1 s to 5 minutes).
    /// </summary>
    public TimeSpan SessionHelloTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The most bytes of messages a session socket may have queued for its client (a slow or stalled reader) before it is
    /// dropped, as it is past 4,096 messages (default 16 MiB; 4 MiB, room for a join's catch-up, to 1 GiB).
    /// </summary>
    public long SessionMaxQueuedBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// The most live sessions (created and not closed) a tenant may have at once (default 100; 1 to 10,000, the sessions
    /// a tenant's list holds): creating one more is a 409 until one is closed. Every API host of a cluster should say the
    /// same: the tenant's count is one, and each host checks it against its own setting.
    /// </summary>
    public int MaxLiveSessionsPerTenant { get; set; } = 100;

    /// <summary>
    /// How long a live session may go with no participant connected and no op, undo, redo, join or leave before it may be
    /// closed automatically (default 7 days; 1 minute to 365 days): when a tenant at <see cref="MaxLiveSessionsPerTenant"/>
    /// creates a session, each of its sessions idle for longer is closed first (as POST /v1/sessions/{id}/close would),
    /// and the creation is a 409 only when none is. Every API host of a cluster should say the same.
    /// </summary>
    public TimeSpan SessionIdleCloseAfter { get; set; } = TimeSpan.FromDays(7);
}
