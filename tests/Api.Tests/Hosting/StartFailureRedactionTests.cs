namespace SampleMind.Api.Tests.Hosting;

/// <summary>
/// The line a failed start prints never carries a credential: the configuration binder quotes a value it cannot convert
/// whole, so an OTLP endpoint with a password and a typo in its port printed the password.
/// </summary>
public sealed class StartFailureRedactionTests
{
    [Theory]
    [InlineData("Failed to convert configuration value 'https://user:s3cretpw@collector.example:4318x/v1/traces' at 'Telemetry:OtlpEndpoint' to type 'System.Uri'.",
        "'https://***@collector.example:4318x/v1/traces'")]
    [InlineData("Failed to convert configuration value 'ftp://user:s3cretpw@host:99999/' at 'Telemetry:OtlpEndpoint' to type 'System.Uri'.",
        "'ftp://***@host:99999/'")]
    [InlineData("Cluster:Postgres 'Host=db;Username=app;Password=s3cretpw;Timeout=abc' is not a connection string.",
        "Password=***;Timeout=abc")]
    public void A_start_failure_line_shows_no_password(string message, string shown)
    {
        var line = StartFailure.Describe(new InvalidOperationException(message, new FormatException("Invalid URI: Invalid port specified.")));

        Assert.DoesNotContain("s3cretpw", line, StringComparison.Ordinal);
        Assert.Contains(shown, line, StringComparison.Ordinal);
        Assert.Contains("Invalid port specified", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_without_credentials_is_left_as_it_is()
    {
        const string Message = "Urls: 'http://127.0.0.1:70000' has port 70000: a port is 0 to 65535.";

        Assert.Equal(Message, StartFailure.Describe(new InvalidOperationException(Message)));
    }
}
