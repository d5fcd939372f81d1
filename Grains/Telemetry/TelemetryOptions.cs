namespace SampleMind.Grains.Telemetry;

/// <summary>
/// OpenTelemetry export, bound from the "Telemetry" section. With no <see cref="OtlpEndpoint"/> nothing is
/// exported and no span is created (the runtime's sources have no listener); <c>/metrics</c> works either way.
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>The section name.</summary>
    public const string SectionName = "Telemetry";

    /// <summary>Protocol value: OTLP over gRPC (collector port 4317).</summary>
    public const string Grpc = "grpc";

    /// <summary>Protocol value: OTLP protobuf over HTTP POST to /v1/traces and /v1/metrics (collector port 4318).</summary>
    public const string HttpProtobuf = "http/protobuf";

    /// <summary>
    /// The OTLP collector's base address (http or https), e.g. http://127.0.0.1:4318 (default none: no exporter).
    /// With http/protobuf the signal paths /v1/traces and /v1/metrics are appended to it.
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>"grpc" or "http/protobuf" (default "http/protobuf").</summary>
    public string OtlpProtocol { get; set; } = HttpProtobuf;

    /// <summary>The exported service.name (default per host: samplemind-api, samplemind-silo, samplemind-gpuworker).</summary>
    public string? ServiceName { get; set; }

    /// <summary>Share of new traces recorded, 0 to 1 (default 1); a span whose caller was sampled is always recorded.</summary>
    public double SamplingRatio { get; set; } = 1.0;

    /// <summary>How often metrics are pushed to the collector (default 60 s; at least 1 s).</summary>
    public TimeSpan MetricExportInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>True when an exporter is configured, which is when spans are created at all.</summary>
    public bool IsEnabled => OtlpEndpoint is not null;

    /// <summary>The endpoint as it may be logged: scheme, host and port, without user info (a password) or path.</summary>
    public string? LoggableEndpoint => OtlpEndpoint?.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);
}
