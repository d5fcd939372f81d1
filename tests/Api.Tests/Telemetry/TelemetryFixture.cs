using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using OpenTelemetry.Trace;
using SampleMind.Api.Tests.Hosting;

namespace SampleMind.Api.Tests.Telemetry;

/// <summary>
/// The API host with <c>Telemetry:OtlpEndpoint</c> pointing at a loopback <see cref="OtlpReceiver"/>
/// (http/protobuf, metrics every second) and, beside the OTLP exporter, an in-memory exporter of the same
/// tracer provider so tests can read the finished spans.
/// </summary>
public sealed class TelemetryFixture : IAsyncLifetime
{
    public const string ServiceName = "samplemind-otel-test";

    private readonly ApiFactory _api = new();

    public OtlpReceiver Receiver { get; private set; } = null!;

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public string IngestRoot => _api.IngestRoot;

    /// <summary>Every span the host's tracer provider exported (any trace).</summary>
    internal LockedCollection<Activity> Exported { get; } = new();

    public async Task InitializeAsync()
    {
        Receiver = await OtlpReceiver.StartAsync();
        Factory = _api.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Telemetry:OtlpEndpoint", Receiver.Address.ToString());
            builder.UseSetting("Telemetry:OtlpProtocol", "http/protobuf");
            builder.UseSetting("Telemetry:ServiceName", ServiceName);
            builder.UseSetting("Telemetry:MetricExportInterval", "00:00:01");
            builder.ConfigureTestServices(services =>
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Exported)));
        });
    }

    /// <summary>A client with the bootstrap admin key.</summary>
    public HttpClient CreateAdminClient()
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(_api.AdminKeyFile).Trim());
        return client;
    }

    /// <summary>The exported spans of one trace.</summary>
    public List<Activity> SpansOf(ActivityTraceId traceId) => Exported.Snapshot().Where(a => a.TraceId == traceId).ToList();

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _api.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
