using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
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
internal sealed class ClusterServer(ClusterCallHandler handler, ILogger logger) : IAsyncDisposable
{
    public const string CallsPath = "/cluster/v1/calls";

    /// <summary>
    /// How long a leaving silo waits for its callers to end their streams after the Closing frame (a caller ends its
    /// request as soon as it has read that frame) before it stops its HTTP/2 server.
    /// </summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _servingLock = new();
    private int _serving;
    private TaskCompletionSource? _idle;
    private WebApplication? _app;

    public async Task StartAsync(IReadOnlyList<IPAddress> listen, int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MinRequestBodyDataRate = null;

            // A stream carries calls for as long as both silos live: Kestrel's 30 MB request body limit cut it every
            // 30 MB of calls (frames are bounded on their own, FrameParser).
            kestrel.Limits.MaxRequestBodySize = null;
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
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException(
                $"The silo port {port} cannot be listened on at {string.Join(", ", listen)} (Cluster:AdvertisedAddress, " +
                $"Cluster:ListenAddress): {e.Message}", e);
        }

        _app = app;
    }

    /// <summary>
    /// Stops reading calls, answers those read, tells callers the stream closes, waits until they have ended their
    /// streams (at most <see cref="DrainTimeout"/>), then stops Kestrel. Stopping Kestrel while a caller still sends
    /// closes the connection under it, and the caller's HTTP/2 client then drops the answers and the Closing frame it
    /// had received but not read yet: its calls would fail as broken instead of being routed again.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await WaitForStreamsToEndAsync(cancellationToken);
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync(cancellationToken);
            await app.DisposeAsync();
        }
    }

    private async Task WaitForStreamsToEndAsync(CancellationToken cancellationToken)
    {
        Task idle;
        lock (_servingLock)
        {
            if (_serving == 0)
            {
                return;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            idle = _idle.Task;
        }

        try
        {
            await idle.WaitAsync(DrainTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // A caller that does not end its stream in time has its connection closed by Kestrel's shutdown.
            ClusterLog.StreamsStillOpen(logger, Volatile.Read(ref _serving), DrainTimeout);
        }
    }

    private async Task ServeAsync(HttpContext context)
    {
        lock (_servingLock)
        {
            _serving++;
        }

        try
        {
            await ServeStreamAsync(context);
        }
        finally
        {
            lock (_servingLock)
            {
                if (--_serving == 0)
                {
                    _idle?.TrySetResult();
                }
            }
        }
    }

    private async Task ServeStreamAsync(HttpContext context)
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
        await DrainAsync(context.Request.BodyReader, context.RequestAborted);
    }

    /// <summary>
    /// Reads and drops what the caller still sends until it ends its request, which it does once it has read the
    /// Closing frame (at most <see cref="DrainTimeout"/>): ending the stream earlier, with the caller's calls still
    /// arriving, resets it, and the reset can take the Closing frame the caller had not read yet with it.
    /// </summary>
    private static async Task DrainAsync(PipeReader reader, CancellationToken aborted)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        bounded.CancelAfter(DrainTimeout);
        try
        {
            while (true)
            {
                // A read the stop cancelled can leave a cancelled result behind (IsCanceled): that is not the end.
                var result = await reader.ReadAsync(bounded.Token);
                reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted || bounded.IsCancellationRequested)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or Microsoft.AspNetCore.Http.BadHttpRequestException or Microsoft.AspNetCore.Connections.ConnectionResetException)
        {
            // The caller is gone, reset its stream, or did not stop in time: nothing more to wait for.
        }
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
