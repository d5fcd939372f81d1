using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SampleMind.Runtime.Hosting;

namespace SampleMind.Grains.Telemetry;

/// <summary>Wires OpenTelemetry (traces and metrics of every SampleMind source and meter) to an OTLP collector.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Every SampleMind activity source and meter ("SampleMind.Runtime", "SampleMind.Scheduling", ...).</summary>
    public const string SampleMindPrefix = "SampleMind.*";

    /// <summary>
    /// Binds <see cref="TelemetryOptions"/> from "Telemetry" (validated at start) and, when
    /// <c>Telemetry:OtlpEndpoint</c> is set, registers OpenTelemetry tracing and metrics with the OTLP exporter:
    /// sources and meters "SampleMind.*", a parent-based ratio sampler, the resource's service.name.
    /// <paramref name="configureTracing"/> and <paramref name="configureMetrics"/> add a host's instrumentation
    /// (e.g. ASP.NET Core). Without an endpoint no provider is built, so no span is ever created.
    /// </summary>
    public static IServiceCollection AddSampleMindTelemetry(
        this IServiceCollection services,
        IConfiguration configuration,
        string defaultServiceName,
        Action<TracerProviderBuilder>? configureTracing = null,
        Action<MeterProviderBuilder>? configureMetrics = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrEmpty(defaultServiceName);
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName)
            .PostConfigure(o => o.ServiceName ??= defaultServiceName).ValidateOnStart();
        services.AddHostedService<TelemetryStartupLog>();
        services.AddKnownSettings(TelemetryOptions.SectionName, typeof(TelemetryOptions));

        // The decision to export is made here, from the configuration as the host was built: a provider that
        // exports nowhere would still make every traced call pay for its spans.
        var options = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (options.OtlpEndpoint is null || new TelemetryOptionsValidator().Validate(null, options).Failed)
        {
            return services;
        }

        var serviceName = options.ServiceName ?? defaultServiceName;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(SampleMindPrefix)
                    .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.SamplingRatio)))
                    .AddOtlpExporter(exporter => Configure(exporter, options, "v1/traces"));
                configureTracing?.Invoke(tracing);
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(SampleMindPrefix)
                    .AddOtlpExporter((exporter, reader) =>
                    {
                        Configure(exporter, options, "v1/metrics");
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.MetricExportInterval.TotalMilliseconds;
                    });
                configureMetrics?.Invoke(metrics);
            });
        return services;
    }

    /// <summary>The exporter's address: the base for gRPC; base + signal path for http/protobuf (set in code, the exporter appends nothing).</summary>
    private static void Configure(OtlpExporterOptions exporter, TelemetryOptions options, string signalPath)
    {
        var endpoint = options.OtlpEndpoint!;
        if (options.OtlpProtocol == TelemetryOptions.Grpc)
        {
            exporter.Protocol = OtlpExportProtocol.Grpc;
            exporter.Endpoint = endpoint;
            return;
        }

        exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
        var baseAddress = endpoint.AbsoluteUri.EndsWith('/') ? endpoint.AbsoluteUri : endpoint.AbsoluteUri + "/";
        exporter.Endpoint = new Uri(baseAddress + signalPath);
    }
}
