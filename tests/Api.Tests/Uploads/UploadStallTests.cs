using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SampleMind.Api.Errors;

namespace SampleMind.Api.Tests.Uploads;

/// <summary>
/// A large body that stops coming half-way (a client gone quiet, not gone): a read that gets nothing for
/// <c>Api:BodyIdleTimeout</c> is a 408 problem naming the setting. Before, Kestrel's minimum data rate, which averages over
/// the whole body, let such an upload hold its request and its spool for as long as the client kept the connection. The
/// quiet read is ended so that Kestrel can drain the body after the 408, where its drain failed as an error.
/// </summary>
public sealed class UploadStallTests
{
    [Fact]
    public async Task A_body_that_goes_quiet_fails_its_read_with_a_408_naming_the_setting_and_one_that_keeps_coming_is_read_whole()
    {
        var pipe = new Pipe();
        using var body = new IdleBodyStream(pipe.Reader.AsStream(), pipe.Reader, TimeSpan.FromMilliseconds(300));
        var buffer = new byte[16];

        await pipe.Writer.WriteAsync("first"u8.ToArray());
        Assert.Equal(5, await body.ReadAsync(buffer));
        await pipe.Writer.WriteAsync("second"u8.ToArray());
        Assert.Equal(6, await body.ReadAsync(buffer));

        var stalled = await Assert.ThrowsAsync<BadHttpRequestException>(async () => Assert.Equal(0, await body.ReadAsync(buffer)));
        Assert.Equal(StatusCodes.Status408RequestTimeout, stalled.StatusCode);
        Assert.Contains("nothing came for 0.3 s (Api:BodyIdleTimeout)", stalled.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_the_request_itself_cancels_is_a_cancellation_not_a_408()
    {
        var pipe = new Pipe();
        using var body = new IdleBodyStream(pipe.Reader.AsStream(), pipe.Reader, TimeSpan.FromMinutes(1));
        using var aborted = new CancellationTokenSource();

        var read = body.ReadAsync(new byte[16], aborted.Token).AsTask();
        await aborted.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        Assert.IsNotType<BadHttpRequestException>(error);
    }

    [Fact]
    public async Task A_quiet_body_on_Kestrel_is_a_408_and_the_server_drains_the_rest_without_an_error()
    {
        var log = new LevelLog();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddProvider(log).SetMinimumLevel(LogLevel.Debug);
        builder.Services.Configure<ApiOptions>(o => o.BodyIdleTimeout = TimeSpan.FromSeconds(1));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        await using var app = builder.Build();
        app.UseExceptionHandler();
        app.MapPost("/body", async (HttpContext context) =>
        {
            RequestLimits.AllowBody(context, 1 << 20);
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            return Results.NoContent();
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

        // A manifest announced as 1,000 bytes of which 11 come: the client is slow, not gone.
        string answer;
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(address.Host, address.Port);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("POST /body HTTP/1.1\r\nHost: test\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\nroots/a.wav"));
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var received = new byte[4096];
            answer = "";
            while (!answer.EndsWith("}", StringComparison.Ordinal) && !answer.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal))
            {
                var count = await stream.ReadAsync(received, deadline.Token);
                Assert.True(count > 0, "the connection closed before the answer's end (a problem, perhaps chunked): " + answer);
                answer += Encoding.ASCII.GetString(received, 0, count);
            }
        }

        // Stopping waits for the connection, whose drain of the body (after the answer) is where Kestrel logged its error.
        await app.StopAsync();
        Assert.StartsWith("HTTP/1.1 408", answer, StringComparison.Ordinal);
        Assert.Contains("Api:BodyIdleTimeout", answer, StringComparison.Ordinal);
        var errors = log.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category}[{e.EventId}]: {e.Message}").ToList();
        Assert.True(errors.Count == 0, "logged as errors: " + string.Join("\n", errors));
    }

    [Fact]
    public async Task The_408_is_answered_as_a_request_timeout_problem_with_its_reason()
    {
        var context = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
        var handler = new ProblemExceptionHandler(NullLogger<ProblemExceptionHandler>.Instance);

        Assert.True(await handler.TryHandleAsync(context, new BadHttpRequestException("The request body stopped.", StatusCodes.Status408RequestTimeout), default));

        Assert.Equal(StatusCodes.Status408RequestTimeout, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        var problem = System.Text.Json.Nodes.JsonNode.Parse(context.Response.Body)!;
        Assert.Equal("https://samplemind.dev/problems/request-timeout", problem["type"]!.GetValue<string>());
        Assert.Equal("The request body stopped.", problem["detail"]!.GetValue<string>());
    }

    private sealed class LevelLog : ILoggerProvider
    {
        private readonly ConcurrentQueue<(string Category, LogLevel Level, int EventId, string Message)> _entries = new();

        public IEnumerable<(string Category, LogLevel Level, int EventId, string Message)> Entries => _entries;

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, int, string)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((category, logLevel, eventId.Id, formatter(state, exception) + (exception is null ? "" : " " + exception.Message)));
        }
    }
}
