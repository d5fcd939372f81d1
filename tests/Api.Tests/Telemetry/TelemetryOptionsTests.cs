using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;
using SampleMind.Grains.Telemetry;

namespace SampleMind.Api.Tests.Telemetry;

public sealed class TelemetryOptionsTests
{
    [Theory]
    [InlineData("Telemetry:OtlpEndpoint", "ftp://127.0.0.1:4318", "OtlpEndpoint")]
    [InlineData("Telemetry:OtlpEndpoint", "http://127.0.0.1:4318/?key=1", "OtlpEndpoint")]
    [InlineData("Telemetry:OtlpProtocol", "http/json", "OtlpProtocol")]
    [InlineData("Telemetry:SamplingRatio", "1.5", "SamplingRatio")]
    [InlineData("Telemetry:ServiceName", " ", "ServiceName")]
    [InlineData("Telemetry:MetricExportInterval", "00:00:00.100", "MetricExportInterval")]
    public async Task A_bad_setting_stops_the_host_at_start_naming_it(string key, string value, string named)
    {
        using var host = Build(new() { [key] = value });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Telemetry:" + named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_endpoint_no_tracer_provider_is_built_and_the_host_default_service_name_applies()
    {
        using var host = Build([]);

        Assert.Null(host.Services.GetService<TracerProvider>());
        Assert.Equal("samplemind-test", host.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.ServiceName);
    }

    [Fact]
    public void With_an_endpoint_a_tracer_provider_is_built()
    {
        using var host = Build(new() { ["Telemetry:OtlpEndpoint"] = "http://127.0.0.1:4318" });

        Assert.NotNull(host.Services.GetService<TracerProvider>());
        Assert.Equal(new Uri("http://127.0.0.1:4318"), host.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.OtlpEndpoint);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSampleMindTelemetry(builder.Configuration, "samplemind-test");
        return builder.Build();
    }
}
