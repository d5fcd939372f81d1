using SampleMind.Runtime.Tests.Grains;
using SampleMind.Runtime.Tests.Support;
using SampleMind.TestSupport;

namespace SampleMind.Runtime.Tests;

public sealed class ConcurrencyTests : IAsyncLifetime
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Calls_on_a_non_reentrant_grain_never_overlap()
    {
        var key = Guid.NewGuid().ToString("N");
        var probe = Sinks.For(key);
        var grain = _silo.Grains.GetGrain<ISlowGrain>(key);

        var first = grain.Slow();
        var second = grain.Slow();
        await Eventually.HoldsAsync(() => probe.Concurrent == 1, s_wait, "the first call to be inside");
        Assert.False(second.IsCompleted);
        probe.Gate.SetResult();
        await Task.WhenAll(first, second).WaitAsync(s_wait);

        Assert.Equal(1, probe.MaxConcurrent);
    }

    [Fact]
    public async Task Calls_on_a_reentrant_grain_interleave()
    {
        var key = Guid.NewGuid().ToString("N");
        var probe = Sinks.For(key);
        var grain = _silo.Grains.GetGrain<IReentrantSlowGrain>(key);

        var calls = Task.WhenAll(grain.Slow(), grain.Slow());
        await probe.BothEntered.Task.WaitAsync(s_wait);
        probe.Gate.SetResult();
        await calls.WaitAsync(s_wait);

        Assert.Equal(2, probe.MaxConcurrent);
    }

    [Fact]
    public async Task An_always_interleave_method_runs_while_a_turn_is_in_progress()
    {
        var key = Guid.NewGuid().ToString("N");
        var probe = Sinks.For(key);
        var grain = _silo.Grains.GetGrain<ISlowGrain>(key);

        var calls = Task.WhenAll(grain.Slow(), grain.SlowInterleaved());
        await probe.BothEntered.Task.WaitAsync(s_wait);
        probe.Gate.SetResult();
        await calls.WaitAsync(s_wait);

        Assert.Equal(2, probe.MaxConcurrent);
    }
}
