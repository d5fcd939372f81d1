using Microsoft.Extensions.Logging;

namespace SampleMind.Grains.Webhooks;

/// <summary>Webhook log messages (event ids 8200-8299; the telemetry wiring has 8000-8099). URLs are logged by host only and secrets never.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 8200, Level = LogLevel.Information,
        Message = "Webhooks: {MaxAttempts} attempts, first retry after {FirstRetryDelay}, timeout {Timeout}, allowed hosts: {AllowedHosts}, private networks allowed: {AllowPrivateNetworks}")]
    public static partial void Configured(ILogger logger, int maxAttempts, TimeSpan firstRetryDelay, TimeSpan timeout, string allowedHosts, bool allowPrivateNetworks);

    [LoggerMessage(EventId = 8201, Level = LogLevel.Debug, Message = "Webhook {EventId} delivered to {Host} (attempt {Attempt}, HTTP {StatusCode})")]
    public static partial void Delivered(ILogger logger, string eventId, string host, int attempt, int statusCode);

    [LoggerMessage(EventId = 8202, Level = LogLevel.Warning, Message = "Webhook {EventId} to {Host} failed (attempt {Attempt}): {Error}")]
    public static partial void Failed(ILogger logger, string eventId, string host, int attempt, string error);
}
