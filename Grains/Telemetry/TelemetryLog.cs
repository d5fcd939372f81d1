using Microsoft.Extensions.Logging;

namespace SampleMind.Grains.Telemetry;

/// <summary>Log messages of the telemetry wiring (event ids 8000-8099).</summary>
internal static partial class TelemetryLog
{
    [LoggerMessage(EventId = 8000, Level = LogLevel.Information,
        Message = "Telemetry: exporting traces and metrics of service {ServiceName} by OTLP ({Protocol}) to {Endpoint}, sampling ratio {Ratio}, metrics every {Interval}")]
    public static partial void Exporting(ILogger logger, string serviceName, string protocol, string endpoint, double ratio, TimeSpan interval);

    [LoggerMessage(EventId = 8001, Level = LogLevel.Information,
        Message = "Telemetry: no Telemetry:OtlpEndpoint, so no traces or OTLP metrics are exported (the /metrics endpoint is unaffected)")]
    public static partial void NotExporting(ILogger logger);
}
