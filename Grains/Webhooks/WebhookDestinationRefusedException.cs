namespace SampleMind.Grains.Webhooks;

/// <summary>
/// A webhook host resolved only to addresses this server may not reach (private, loopback or
/// link-local while <see cref="WebhookOptions.AllowPrivateNetworks"/> is off). Permanent: not retried.
/// </summary>
public sealed class WebhookDestinationRefusedException(string host)
    : Exception($"The webhook host '{host}' resolves to a private, loopback or link-local address; set Webhooks:AllowPrivateNetworks to deliver there.")
{
    /// <summary>The host that was refused.</summary>
    public string Host { get; } = host;
}
