using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SampleMind.Api.Tests.Telemetry;

/// <summary>
/// A stand-in OTLP/HTTP collector on loopback (Kestrel): records the body and content type of every
/// POST to /v1/traces and /v1/metrics and answers 200 with an empty export response.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>The base address to configure as <c>Telemetry:OtlpEndpoint</c>.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Every export request received: (path, content type, body).</summary>
    public ConcurrentQueue<(string Path, string? ContentType, byte[] Body)> Requests { get; } = new();

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/{signal}", async (string signal, HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            receiver.Requests.Enqueue(("/v1/" + signal, context.Request.ContentType, body.ToArray()));
            context.Response.ContentType = "application/x-protobuf";
        });
        await app.StartAsync();
        var address = app.Urls.First();
        receiver.Address = new Uri(address);
        return receiver;
    }

    /// <summary>Bodies received on <paramref name="path"/> so far.</summary>
    public IEnumerable<(string? ContentType, byte[] Body)> BodiesOf(string path) =>
        Requests.Where(r => r.Path == path).Select(r => (r.ContentType, r.Body));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
