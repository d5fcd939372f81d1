using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace SampleMind.Sessions.Bench;

/// <summary>
/// Connects the clients, then every 1/rate seconds lets the next idle client (round robin) set the
/// tempo; each other client stamps when that op reaches it. Latency = receive time - send time.
/// </summary>
internal sealed class LatencyRun(Uri address, string token)
{
    private readonly ConcurrentDictionary<(string, long), long> _sentAt = new();
    private readonly ConcurrentBag<double> _broadcastMs = [];
    private readonly ConcurrentBag<double> _ackMs = [];

    public async Task<LatencyResult> RunAsync(int count, double rate, TimeSpan duration)
    {
        using var http = new HttpClient { BaseAddress = address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var created = await http.PostAsJsonAsync("/v1/sessions", new { libraryId = "bench" });
        var sessionId = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["sessionId"]!.GetValue<string>();
        var clients = new List<BenchClient>();
        for (var i = 0; i < count; i++)
        {
            var client = new BenchClient($"bench-{i}", this);
            await client.ConnectAsync(new Uri($"ws://{address.Authority}/v1/sessions/{sessionId}/ws"), token);
            clients.Add(client);
        }

        var interval = TimeSpan.FromSeconds(1 / rate);
        var sent = 0;
        var skipped = 0;
        using var timer = new PeriodicTimer(interval);
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end && await timer.WaitForNextTickAsync())
        {
            var client = clients[sent++ % clients.Count];
            if (!await client.TrySendTempoAsync(100 + (sent % 200)))
            {
                skipped++;
            }
        }

        await Task.WhenAll(clients.Select(c => c.CloseAsync()));
        return new LatencyResult([.. _broadcastMs], [.. _ackMs], sent - skipped, skipped);
    }

    public void Sent(string clientId, long seq) => _sentAt[(clientId, seq)] = Stopwatch.GetTimestamp();

    public void Received(string author, long seq, bool isAck)
    {
        if (_sentAt.TryGetValue((author, seq), out var at))
        {
            (isAck ? _ackMs : _broadcastMs).Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
        }
    }

    /// <summary>One participant: sends one op at a time and records when others' ops arrive.</summary>
    private sealed class BenchClient(string clientId, LatencyRun run)
    {
        private readonly ClientWebSocket _socket = new();
        private readonly TaskCompletionSource _welcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _revision;
        private long _seq;
        private volatile bool _inFlight;
        private Task? _receiving;

        public async Task ConnectAsync(Uri uri, string token)
        {
            _socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
            await _socket.ConnectAsync(uri, CancellationToken.None);
            _receiving = ReceiveLoopAsync();
            await SendAsync($$"""{"type":"hello","clientId":"{{clientId}}","lastRevision":-1}""");
            await _welcome.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        public async Task<bool> TrySendTempoAsync(int tempo)
        {
            if (_inFlight)
            {
                return false;
            }

            _inFlight = true;
            var seq = ++_seq;
            run.Sent(clientId, seq);
            var op = "{\"type\":\"op\",\"clientSeq\":" + seq.ToString(CultureInfo.InvariantCulture)
                + ",\"baseRevision\":" + Interlocked.Read(ref _revision).ToString(CultureInfo.InvariantCulture)
                + ",\"op\":{\"ops\":[{\"kind\":\"set\",\"path\":[\"tempo\"],\"value\":" + tempo.ToString(CultureInfo.InvariantCulture) + "}]}}";
            await SendAsync(op);
            return true;
        }

        public async Task CloseAsync()
        {
            // The receive loop reads the server's close frame; CloseAsync would wait for a second one.
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
            await _receiving!;
        }

        private Task SendAsync(string text) =>
            _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

        private async Task ReceiveLoopAsync()
        {
            var buffer = new byte[1 << 16];
            while (true)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
                    count += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                Handle(JsonNode.Parse(buffer.AsSpan(0, count))!);
            }
        }

        private void Handle(JsonNode message)
        {
            switch (message["type"]!.GetValue<string>())
            {
                case "welcome":
                    _welcome.TrySetResult();
                    break;
                case "snapshot":
                case "op" or "ack":
                    Interlocked.Exchange(ref _revision, Math.Max(Interlocked.Read(ref _revision), message["revision"]!.GetValue<long>()));
                    if (message["type"]!.GetValue<string>() == "op")
                    {
                        run.Received(message["clientId"]!.GetValue<string>(), message["clientSeq"]!.GetValue<long>(), isAck: false);
                    }
                    else if (message["type"]!.GetValue<string>() == "ack")
                    {
                        run.Received(clientId, message["clientSeq"]!.GetValue<long>(), isAck: true);
                        _inFlight = false;
                    }

                    break;
                case "error":
                    _inFlight = false;
                    Console.Error.WriteLine($"{clientId}: {message["reason"]}");
                    break;
            }
        }
    }
}
