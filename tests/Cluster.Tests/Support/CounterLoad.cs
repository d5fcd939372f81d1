using System.Collections.Concurrent;
using System.Diagnostics;
using SampleMind.Runtime;
using SampleMind.TestSilo.Grains;

namespace SampleMind.Cluster.Tests.Support;

/// <summary>
/// Increments counters from a fixed number of concurrent callers, each cycling through its share of
/// the keys, until stopped. Records every call (key, start, end, outcome): what was acknowledged,
/// what failed and how, and how long each call took. A call still open after
/// <see cref="HangLimit"/> counts as a hang.
/// </summary>
public sealed class CounterLoad(IGrainFactory grains, string[] keys, int callers, TimeSpan hangLimit)
{
    private readonly ConcurrentQueue<Call> _calls = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly long[] _acked = new long[keys.Length];
    private Task? _running;

    public TimeSpan HangLimit { get; } = hangLimit;

    public IReadOnlyList<Call> Calls => [.. _calls];

    public long Acked(int key) => Interlocked.Read(ref _acked[key]);

    public void Start() => _running = Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(() => CallLoopAsync(c))));

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _running!;
    }

    private async Task CallLoopAsync(int caller)
    {
        for (var i = caller; !_stop.IsCancellationRequested; i += callers)
        {
            var key = i % keys.Length;
            var started = Stopwatch.GetTimestamp();
            Exception? error = null;
            try
            {
                await grains.GetGrain<ICounterGrain>(keys[key]).Increment().WaitAsync(HangLimit);
                Interlocked.Increment(ref _acked[key]);
            }
            catch (Exception ex)
            {
                error = ex;
            }

            _calls.Enqueue(new Call(key, started, Stopwatch.GetTimestamp(), error));
        }
    }

    /// <summary>One call: its key index, start and end (<see cref="Stopwatch"/> timestamps) and its error, if any.</summary>
    public sealed record Call(int Key, long Started, long Ended, Exception? Error)
    {
        public TimeSpan Duration => Stopwatch.GetElapsedTime(Started, Ended);
    }
}
