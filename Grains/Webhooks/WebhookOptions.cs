namespace SampleMind.Grains.Webhooks;

/// <summary>
/// How ingest webhooks are delivered and where they may go. Bound from the "Webhooks" section.
/// A failed attempt (non-2xx, timeout, refused connection) is retried after
/// <see cref="FirstRetryDelay"/>, then twice that, and so on (capped at <see cref="MaxRetryDelay"/>),
/// until <see cref="MaxAttempts"/> attempts were made.
/// </summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Webhooks";

    /// <summary>Attempts per event, the first included (default 6; 1 to 20).</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait before the second attempt; each further wait doubles (default 10 s).</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between two attempts (default 1 hour).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>One attempt's limit, connecting included (default 10 s; at most 20 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Hosts webhook URLs may name: exact names (<c>hooks.example.com</c>, <c>127.0.0.1</c>) or
    /// <c>*.example.com</c> for any sub-domain. Default (empty): any host. An operator whose API
    /// serves tenants it does not trust sets this, so that webhooks cannot reach internal services.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>
    /// Whether webhooks may reach loopback, private (RFC 1918, IPv6 unique-local), link-local and
    /// shared (RFC 6598) addresses (default false). Checked on the URL when a job is submitted and on
    /// every address the host resolves to when an attempt connects, so a public name that resolves to
    /// an internal address is refused too. Set it for receivers on the same machine or network.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }
}
