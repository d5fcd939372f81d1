namespace SampleMind.Api;

/// <summary>Options of the API host, bound from the "Api" section.</summary>
public sealed class ApiOptions
{
    /// <summary>Where the first admin key's token is written at first start (default &lt;Silo:SharedDirectory&gt;/admin.key).</summary>
    public string AdminKeyFile { get; set; } = Path.Combine("data", "admin.key");

    /// <summary>
    /// Where uploaded files and manifests are stored, one folder per tenant and job (default
    /// &lt;Silo:SharedDirectory&gt;/uploads): in cluster mode every silo's workers read them.
    /// </summary>
    public string UploadDirectory { get; set; } = Path.Combine("data", "uploads");

    /// <summary>Largest JSON request body in bytes (default 1 MiB); uploads have their own limit (Ingest:MaxUploadBytes).</summary>
    public long MaxJsonBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Requests per minute an unauthenticated client (by address) may make before 429 (default 60).</summary>
    public int AnonymousRequestsPerMinute { get; set; } = 60;
}
