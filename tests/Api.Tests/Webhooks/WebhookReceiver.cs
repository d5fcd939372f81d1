using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace SampleMind.Api.Tests.Webhooks;

/// <summary>
/// A real Kestrel receiver on 127.0.0.1 (a free port): records every POST to <c>/hooks/{name}</c>
/// with its headers and body, and answers with the statuses scripted for that name (then 200); a held name's first
/// request gets no answer until it is released.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _scripts = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ReceivedWebhook>> _received = new();
    private readonly ConcurrentDictionary<string, Hold> _holds = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public string BaseAddress { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var receiver = new WebhookReceiver(builder.Build());
        receiver._app.MapPost("/hooks/{name}", receiver.ReceiveAsync);
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseAddress = address.TrimEnd('/');
        return receiver;
    }

    /// <summary>The URL for <paramref name="name"/>, answering <paramref name="statuses"/> in turn, then 200.</summary>
    public string Url(string name, params int[] statuses)
    {
        _scripts[name] = new ConcurrentQueue<int>(statuses);
        return $"{BaseAddress}/hooks/{name}";
    }

    /// <summary>The URL for <paramref name="name"/> whose first request hangs until <see cref="Release"/> (or the sender gives up), then 200s.</summary>
    public string HeldUrl(string name)
    {
        _holds[name] = new Hold();
        return Url(name);
    }

    /// <summary>True while the held request of <paramref name="name"/> is open: its sender still waits for the answer.</summary>
    public bool IsHolding(string name) => _holds.TryGetValue(name, out var hold) && hold.Open;

    /// <summary>Answers the held request of <paramref name="name"/> (200).</summary>
    public void Release(string name) => _holds[name].Released.TrySetResult();

    public IReadOnlyList<ReceivedWebhook> Received(string name) =>
        _received.TryGetValue(name, out var queue) ? [.. queue] : [];

    public async ValueTask DisposeAsync()
    {
        foreach (var hold in _holds.Values)
        {
            hold.Released.TrySetResult();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(string name, HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _received.GetOrAdd(name, _ => new ConcurrentQueue<ReceivedWebhook>()).Enqueue(new ReceivedWebhook(headers, body, DateTimeOffset.UtcNow));
        if (_holds.TryGetValue(name, out var hold) && Interlocked.Exchange(ref hold.Taken, 1) == 0)
        {
            await hold.WaitAsync(request.HttpContext.RequestAborted);
        }

        var status = _scripts.TryGetValue(name, out var script) && script.TryDequeue(out var scripted) ? scripted : 200;
        return Results.Text(status == 200 ? "ok" : "receiver says no", statusCode: status);
    }

    /// <summary>A held request: open from its arrival until it is released or its sender drops it.</summary>
    private sealed class Hold
    {
        public int Taken;

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Open { get; private set; }

        public async Task WaitAsync(CancellationToken aborted)
        {
            Open = true;
            try
            {
                await Released.Task.WaitAsync(aborted);
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested)
            {
                // The sender gave up on the answer.
            }
            finally
            {
                Open = false;
            }
        }
    }
}
