using SampleMind.Grains.Telemetry;

namespace SampleMind.Grains.Tests.Telemetry;

/// <summary>The start-up log names the OTLP endpoint; a password in its user info must not reach the log.</summary>
public sealed class TelemetryOptionsTests
{
    [Theory]
    [InlineData("http://user:secretpw@127.0.0.1:5978/base/path", "http://127.0.0.1:5978")]
    [InlineData("https://collector.example:4318", "https://collector.example:4318")]
    [InlineData("http://token@[::1]:4317/", "http://[::1]:4317")]
    public void The_logged_endpoint_has_no_user_info_or_path(string endpoint, string logged)
    {
        var options = new TelemetryOptions { OtlpEndpoint = new Uri(endpoint) };

        Assert.Equal(logged, options.LoggableEndpoint);
    }

    [Fact]
    public void No_endpoint_logs_none() => Assert.Null(new TelemetryOptions().LoggableEndpoint);
}
