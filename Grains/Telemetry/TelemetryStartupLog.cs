using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SampleMind.Grains.Telemetry;

/// <summary>Logs the effective telemetry options once at start (the endpoint without user info or path).</summary>
internal sealed class TelemetryStartupLog(IOptions<TelemetryOptions> options, ILogger<TelemetryStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (o.LoggableEndpoint is { } endpoint)
        {
            TelemetryLog.Exporting(logger, o.ServiceName ?? "", o.OtlpProtocol, endpoint, o.SamplingRatio, o.MetricExportInterval);
        }
        else
        {
            TelemetryLog.NotExporting(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
