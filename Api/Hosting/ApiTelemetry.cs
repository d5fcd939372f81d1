using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SampleMind.Grains.Telemetry;

namespace SampleMind.Api;

/// <summary>The API host's telemetry: the SampleMind sources and meters plus ASP.NET Core's requests (see docs/telemetry.md).</summary>
internal static class ApiTelemetry
{
    public const string DefaultServiceName = "samplemind-api";

    public static IServiceCollection AddApiTelemetry(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSampleMindTelemetry(configuration, DefaultServiceName,
            tracing => tracing.AddAspNetCoreInstrumentation(o => o.Filter = IsTraced),
            metrics => metrics.AddAspNetCoreInstrumentation());

    /// <summary>Prometheus scrapes of /metrics are not traced.</summary>
    private static bool IsTraced(HttpContext context) => !context.Request.Path.StartsWithSegments("/metrics", StringComparison.Ordinal);
}
