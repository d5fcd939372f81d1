extern alias cli;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using cli::SampleMind.Cli;

namespace SampleMind.Api.Tests.Cli;

/// <summary>
/// The CLI's reads against a real Kestrel that answers as a cluster does while a silo restarts: a 503 (with
/// <c>Retry-After</c>) is tried again until the answer comes, a 429 whose <c>Retry-After</c> is short as well; a long
/// rate-limit window, a 500 and a 404 are answers, shown at once; writes are never repeated, but a POST that starts
/// work goes with an Idempotency-Key and is sent again with the same key.
/// </summary>
public sealed class CliRetryTests : IAsyncLifetime
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _keys = new();
    private FakeApi? _api;
    private HttpClient? _http;

    public async Task InitializeAsync()
    {
        _api = await FakeApi.StartAsync(app =>
        {
            app.MapGet("/flaky", (HttpContext context) => Answer(context, "flaky", calls => calls <= 2 ? (503, "0") : (200, null)));
            app.MapGet("/limited", (HttpContext context) => Answer(context, "limited", calls => calls <= 1 ? (429, "0") : (200, null)));
            app.MapGet("/window", (HttpContext context) => Answer(context, "window", _ => (429, "3600")));
            app.MapGet("/broken", (HttpContext context) => Answer(context, "broken", _ => (500, null)));
            app.MapPost("/write", (HttpContext context) => Answer(context, "write", _ => (503, "0")));
            app.MapGet("/down", (HttpContext context) => Answer(context, "down", _ => (503, "0")));
            app.MapPost("/start", (HttpContext context) =>
            {
                _keys.Enqueue(context.Request.Headers[ApiClient.IdempotencyKeyHeader].ToString());
                return Answer(context, "start", calls => calls <= 2 ? (503, "0") : (200, null));
            });
        });
        _http = new HttpClient { BaseAddress = new Uri(_api.Address + "/") };
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        await _api!.DisposeAsync();
    }

    [Fact]
    public async Task A_503_or_a_short_429_is_tried_again_and_anything_else_is_the_answer()
    {
        var api = new ApiClient(_http!);

        Assert.Equal("ok", (await api.GetAsync("/flaky", CancellationToken.None))["status"]!.GetValue<string>());
        Assert.Equal(3, Calls("flaky"));
        Assert.Equal("ok", (await api.GetAsync("/limited", CancellationToken.None))["status"]!.GetValue<string>());
        Assert.Equal(2, Calls("limited"));

        Assert.Equal(429, (await Assert.ThrowsAsync<ApiException>(() => api.GetAsync("/window", CancellationToken.None))).Status);
        Assert.Equal(1, Calls("window"));
        Assert.Equal(500, (await Assert.ThrowsAsync<ApiException>(() => api.GetAsync("/broken", CancellationToken.None))).Status);
        Assert.Equal(1, Calls("broken"));
        Assert.Equal(503, (await Assert.ThrowsAsync<ApiException>(() => api.PostAsync("/write", null, CancellationToken.None))).Status);
        Assert.Equal(1, Calls("write"));
    }

    [Fact]
    public async Task A_post_that_starts_work_carries_an_idempotency_key_and_is_tried_again_with_the_same_key()
    {
        var api = new ApiClient(_http!);

        var answer = await api.PostOnceAsync("/start", new System.Text.Json.Nodes.JsonObject { ["source"] = "x" }, CancellationToken.None);
        var again = await api.PostOnceAsync("/start", new System.Text.Json.Nodes.JsonObject { ["source"] = "x" }, CancellationToken.None);

        Assert.Equal("ok", answer["status"]!.GetValue<string>());
        Assert.Equal("ok", again["status"]!.GetValue<string>());
        var keys = _keys.ToArray();
        Assert.Equal(4, keys.Length);
        Assert.All(keys, key => Assert.Matches("^[0-9a-f]{32}$", key));
        Assert.Equal(keys[0], keys[1]);
        Assert.Equal(keys[1], keys[2]);
        Assert.NotEqual(keys[2], keys[3]);
    }

    [Fact]
    public async Task A_503_that_does_not_end_is_shown_after_the_last_try()
    {
        var api = new ApiClient(_http!);

        var error = await Assert.ThrowsAsync<ApiException>(() => api.GetAsync("/down", CancellationToken.None));

        Assert.Equal(503, error.Status);
        Assert.Equal(ApiClient.MaxTries, Calls("down"));
    }

    [Fact]
    public async Task An_address_that_never_answered_is_reported_at_once_not_tried_again()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        var counting = new CountingHandler();
        using var http = new HttpClient(counting) { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        await Assert.ThrowsAsync<HttpRequestException>(() => new ApiClient(http).GetAsync("/v1/jobs", CancellationToken.None));

        Assert.Equal(1, counting.Sends);
    }

    /// <summary>The requests the fake API has had for <paramref name="path"/> (recorded as each arrives).</summary>
    private int Calls(string path) => _api!.Requests.Count(r => r.Target == "/" + path);

    private async Task Answer(HttpContext context, string path, Func<int, (int Status, string? RetryAfter)> answer)
    {
        var calls = Calls(path);
        var (status, retryAfter) = answer(calls);
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        if (status == 200)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"status":"ok"}""");
            return;
        }

        context.Response.ContentType = "application/problem+json";
        await context.Response.WriteAsync($$"""{"title":"status {{status}}","detail":"try {{calls}}"}""");
    }

    private sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        public int Sends { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Sends++;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
