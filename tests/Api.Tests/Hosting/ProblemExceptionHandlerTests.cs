using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SampleMind.Api.Errors;
using SampleMind.Runtime;
using SampleMind.Runtime.Cluster;

namespace SampleMind.Api.Tests.Hosting;

/// <summary>
/// What an exception that escapes an endpoint becomes: a grain call the cluster could not serve just then is a 503
/// with <c>Retry-After</c> (a client retries), not a 500 that reads as a bug; anything else stays a 500; neither body
/// carries the exception's message.
/// </summary>
public sealed class ProblemExceptionHandlerTests
{
    public static TheoryData<Exception> Unavailable() => new()
    {
        new SiloUnavailableException("Call to library/acme found no silo to run it within 23 s."),
        new StaleLeaseException("Cannot write state of grain library/acme: this silo does not hold its partition's lease."),
        new GrainCallTimeoutException("Call to library/acme.Search got no response within 30 s."),
        new StaleActivationException("The session library/acme is restarting from what it stored; reconnect and resend."),
        new Npgsql.NpgsqlException("Failed to connect to 127.0.0.1:5432 library/acme", new System.Net.Sockets.SocketException(111)),
        new Npgsql.PostgresException("terminating connection due to administrator command library/acme", "FATAL", "FATAL", "57P01"),
        new InvalidOperationException("Grain call library/acme failed", new Npgsql.NpgsqlException("Failed", new TimeoutException())),
        new StorageUnavailableException("Failed to connect to 127.0.0.1:5432 library/acme"),
    };

    [Theory]
    [MemberData(nameof(Unavailable))]
    public async Task A_call_the_cluster_could_not_serve_is_a_503_to_retry(Exception exception)
    {
        var (context, problem) = await HandleAsync(exception);

        Assert.Equal(503, context.Response.StatusCode);
        Assert.Equal("2", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal("https://samplemind.dev/problems/unavailable", problem["type"]!.GetValue<string>());
        Assert.Contains("retry", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("library/acme", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("database")]
    public async Task Any_other_failure_is_a_500_without_retry_after_or_internals(string kind)
    {
        var (context, problem) = await HandleAsync(kind == "plain"
            ? new InvalidOperationException("secret internal state")
            : new Npgsql.PostgresException("duplicate key value violates unique constraint, secret", "ERROR", "ERROR", "23505"));

        Assert.Equal(500, context.Response.StatusCode);
        Assert.False(context.Response.Headers.ContainsKey("Retry-After"));
        Assert.Equal("https://samplemind.dev/problems/internal", problem["type"]!.GetValue<string>());
        Assert.DoesNotContain("secret", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(context.TraceIdentifier, problem["traceId"]!.GetValue<string>()); // the log's lines carry it
    }

    [Fact]
    public async Task A_503_is_logged_as_one_warning_line_without_a_stack_trace()
    {
        var log = new List<string>();
        var entries = new List<(LogLevel Level, Exception? Exception)>();

        await HandleAsync(new SiloUnavailableException("No silo to run it."), new LineLogger(log, entries));

        var line = Assert.Single(log);
        Assert.Contains("answered 503 to retry: SiloUnavailableException: No silo to run it.", line, StringComparison.Ordinal);
        Assert.Equal((LogLevel.Warning, (Exception?)null), Assert.Single(entries));
    }

    [Fact]
    public async Task The_log_line_of_a_500_names_the_trace_id_its_body_carries()
    {
        using var activity = new System.Diagnostics.Activity("request").SetIdFormat(System.Diagnostics.ActivityIdFormat.W3C).Start();
        var log = new List<string>();

        var (context, problem) = await HandleAsync(new InvalidOperationException("boom"), new LineLogger(log));

        var traceId = problem["traceId"]!.GetValue<string>();
        Assert.StartsWith("00-", traceId, StringComparison.Ordinal);
        var line = Assert.Single(log);
        Assert.Contains(traceId, line, StringComparison.Ordinal);
        Assert.Contains(context.TraceIdentifier, line, StringComparison.Ordinal);
    }

    private static async Task<(HttpContext Context, JsonNode Problem)> HandleAsync(Exception exception, ILogger<ProblemExceptionHandler>? logger = null)
    {
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;
        var handled = await new ProblemExceptionHandler(logger ?? NullLogger<ProblemExceptionHandler>.Instance).TryHandleAsync(context, exception, CancellationToken.None);
        Assert.True(handled);
        Assert.Equal("application/problem+json", context.Response.ContentType?.Split(';')[0]);
        return (context, JsonNode.Parse(body.ToArray())!);
    }

    /// <summary>The formatted lines logged.</summary>
    private sealed class LineLogger(List<string> lines, List<(LogLevel Level, Exception? Exception)>? entries = null) : ILogger<ProblemExceptionHandler>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lines.Add(formatter(state, exception));
            entries?.Add((logLevel, exception));
        }
    }
}
