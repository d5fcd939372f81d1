using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SampleMind.Grains.Webhooks;

/// <summary>Logs the effective webhook options when the host starts (they hold no secret).</summary>
internal sealed class WebhookOptionsLogger(IOptions<WebhookOptions> options, ILogger<WebhookOptionsLogger> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        WebhookLog.Configured(logger, o.MaxAttempts, o.FirstRetryDelay, o.Timeout, o.AllowedHosts.Count == 0 ? "any" : string.Join(", ", o.AllowedHosts), o.AllowPrivateNetworks);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
