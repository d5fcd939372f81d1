using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SampleMind.Api.Tests.Hosting;

/// <summary>
/// Every logger of the host's factory cuts API key secrets out of what reaches its providers: the formatted message,
/// each structured value (what json formats and exporters write) and an exception's text; filters still apply.
/// </summary>
public sealed class ApiKeyRedactionTests
{
    private const string Token = "smk_0123456789abcdef_S3cr3t-With_Underscores_0123456789abcdefghij";

    [Fact]
    public void A_token_is_cut_from_messages_values_and_exceptions_for_every_provider()
    {
        var captured = new CapturingProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(captured).AddFilter("Quiet", LogLevel.Warning));
        services.RedactApiKeysInLogs();
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<ILoggerFactory>();

        factory.CreateLogger("Loud").LogInformation(new InvalidOperationException($"bad {Token}"), "Request to {Url} with {Count}", $"/x?k={Token}", 3);
        factory.CreateLogger("Quiet").LogInformation("filtered {Token}", Token);
        provider.GetRequiredService<ILogger<ApiKeyRedactionTests>>().LogWarning("typed {Token}", Token);

        Assert.Equal(2, captured.Entries.Count);
        var all = string.Join("\n", captured.Entries);
        Assert.DoesNotContain("S3cr3t", all, StringComparison.Ordinal);
        Assert.Contains("Request to /x?k=smk_0123456789abcdef_[redacted] with 3", all, StringComparison.Ordinal);
        Assert.Contains("Url=/x?k=smk_0123456789abcdef_[redacted]", all, StringComparison.Ordinal);
        Assert.Contains("Count=3", all, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException: bad smk_0123456789abcdef_[redacted]", all, StringComparison.Ordinal);
        Assert.Contains("typed smk_0123456789abcdef_[redacted]", all, StringComparison.Ordinal);
    }

    private sealed class CapturingProvider : ILoggerProvider
    {
        public List<string> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Capturing(Entries);

        public void Dispose()
        {
        }

        private sealed class Capturing(List<string> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IReadOnlyList<KeyValuePair<string, object?>> list ? string.Join(" ", list.Select(p => $"{p.Key}={p.Value}")) : "";
                entries.Add($"{formatter(state, exception)} | {values} | {exception}");
            }
        }
    }
}
