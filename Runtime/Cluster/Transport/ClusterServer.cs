using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace SampleMind.Runtime.Cluster.Transport;

/// <summary>
/// The silo's own Kestrel endpoint for silo-to-silo calls: cleartext HTTP/2 on the advertised
/// port, one POST stream per calling silo (<see cref="SiloConnection"/>). Frames are read and
/// dispatched as they come; answers are written as they complete, batched per flush.
/// </summary>
internal sealed class ClusterServer(ClusterCallHandler handler) : IAsyncDisposable
{
    public const string CallsPath = "/cluster/v1/calls";

    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;

    public async Task StartAsync(IReadOnlyList<IPAddress> listen, int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Limits.Http2.InitialConnectionWindowSize = 8 * 1024 * 1024;
            kestrel.Limits.Http2.InitialStreamWindowSize = 4 * 1024 * 1024;
            kestrel.Limits.Http2.KeepAlivePingDelay = TimeSpan.FromSeconds(10);
            kestrel.Limits.Http2.KeepAlivePingTimeout = TimeSpan.FromSeconds(20);
            foreach (var ip in listen)
            {
                kestrel.Listen(ip, port, endpoint => endpoint.Protocols = HttpProtocols.Http2);
            }
        });
        var app = builder.Build();
        app.MapPost(CallsPath, ServeAsync);
        await app.StartAsync(cancellationToken);
        _app = app;
    }

    /// <summary>Stops reading calls, answers those read, tells callers the stream closes, then stops Kestrel.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync(cancellationToken);
            await app.DisposeAsync();
        }
    }

    private async Task ServeAsync(HttpContext context)
    {
        context.Response.ContentType = "application/octet-stream";
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
        var stream = new ServerStream();
        var pump = stream.PumpAsync(context.Response.BodyWriter, context.RequestAborted);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, context.RequestAborted);
        try
        {
            await ReadCallsAsync(context.Request.BodyReader, stream, linked.Token);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or Microsoft.AspNetCore.Http.BadHttpRequestException or Microsoft.AspNetCore.Connections.ConnectionResetException)
        {
        }

        if (context.RequestAborted.IsCancellationRequested)
        {
            // The calling silo is gone: nobody will read the answers, so the calls it made are canceled.
            stream.CancelAll();
        }

        await stream.EndReadingAsync();
        stream.Close();
        await pump;
    }

    private async Task ReadCallsAsync(PipeReader reader, ServerStream stream, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            while (FrameParser.TryRead(ref buffer, out var frame))
            {
                handler.Handle(frame, stream);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _stopping.Dispose();
    }
}
