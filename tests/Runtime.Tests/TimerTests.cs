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
}
