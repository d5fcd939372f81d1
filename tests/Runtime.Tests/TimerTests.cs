using System.Diagnostics.Metrics;
using SampleMind.Runtime.Tests.Grains;
using SampleMind.Runtime.Tests.Support;
using SampleMind.TestSupport;

namespace SampleMind.Runtime.Tests;

public sealed class TimerTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Timer_ticks_run_as_turns_after_the_running_turn()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(time: time);
        var key = Guid.NewGuid().ToString("N");
        var probe = Sinks.For(key);
        var grain = silo.Grains.GetGrain<ITimerGrain>(key);
        await grain.StartTimer(TimeSpan.FromSeconds(1));

        var hold = grain.Hold();
        await probe.Signal.Task.WaitAsync(s_wait);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, Volatile.Read(ref probe.Ticks));
        probe.Gate.SetResult();
        await hold.WaitAsync(s_wait);
        await Eventually.HoldsAsync(() => Volatile.Read(ref probe.Ticks) == 1, s_wait, "the queued tick to run after Hold");

        // The tick counted before its turn ended; a tick that falls due while the last one's turn runs is skipped, so
        // the clock moves on only once that turn is over (a CI run moved it just before, and the second tick never came).
        await grain.Ping();
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.HoldsAsync(() => Volatile.Read(ref probe.Ticks) == 2, s_wait, "the second tick");
        Assert.Equal(0, Volatile.Read(ref probe.Violations));
    }

    [Fact]
    public async Task A_tick_that_replaces_its_timer_and_stops_at_its_token_is_a_call_not_a_failure()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(time: time);
        var key = Guid.NewGuid().ToString("N");
        long calls = 0;
        long failures = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "SampleMind.Runtime" && instrument.Name is "samplemind.grain.calls" or "samplemind.grain.failures")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (!IsTimerOf(tags, "self-replacing-timer"))
            {
                return;
            }

            Interlocked.Add(ref instrument.Name == "samplemind.grain.failures" ? ref failures : ref calls, value);
        });
        listener.Start();

        var grain = silo.Grains.GetGrain<ISelfReplacingTimerGrain>(key);
        await grain.Start();
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.HoldsAsync(() => Volatile.Read(ref Sinks.For(key).Ticks) == 1, s_wait, "the first tick");
        await grain.Ping();

        Assert.Equal(1, Interlocked.Read(ref calls));
        Assert.Equal(0, Interlocked.Read(ref failures));
    }

    private static bool IsTimerOf(ReadOnlySpan<KeyValuePair<string, object?>> tags, string grainType)
    {
        var (type, method) = ((string?)null, (string?)null);
        foreach (var tag in tags)
        {
            if (tag.Key == "grain_type")
            {
                type = tag.Value as string;
            }
            else if (tag.Key == "method")
            {
                method = tag.Value as string;
            }
        }

        return type == grainType && method == "(timer)";
    }
}
