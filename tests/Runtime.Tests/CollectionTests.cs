using SampleMind.TestSupport;
using SampleMind.Runtime.Tests.Grains;
using SampleMind.Runtime.Tests.Support;

namespace SampleMind.Runtime.Tests;

public sealed class CollectionTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    /// <summary>A silo on <paramref name="time"/> that collects activations idle for 15 minutes, looking every minute.</summary>
    private static Task<TestSilo> StartCollectingAsync(ManualTimeProvider time) => TestSilo.StartAsync(o =>
    {
        o.CollectionAge = TimeSpan.FromMinutes(15);
        o.CollectionInterval = TimeSpan.FromMinutes(1);
    }, time);

    [Fact]
    public async Task An_idle_activation_is_collected_and_the_next_call_activates_again()
    {
        var time = new ManualTimeProvider();
        await using var silo = await StartCollectingAsync(time);
        var key = Guid.NewGuid().ToString("N");
        var probe = Sinks.For(key);
        var grain = silo.Grains.GetGrain<ILifecycleGrain>(key);
        Assert.Equal(1, await grain.Activations());

        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, Volatile.Read(ref probe.Deactivations));
        time.Advance(TimeSpan.FromMinutes(6));
        await probe.Deactivated.Task.WaitAsync(s_wait);

        Assert.Equal(DeactivationReason.IdleCollection, probe.LastDeactivation);
        Assert.Equal(2, await grain.Activations());
    }

    [Fact]
    public async Task A_class_with_a_collection_age_limit_is_collected_at_its_own_age_while_others_wait_for_the_silos()
    {
        var time = new ManualTimeProvider();
        await using var silo = await StartCollectingAsync(time);
        var shortKey = Guid.NewGuid().ToString("N");
        var longKey = Guid.NewGuid().ToString("N");
        var shortProbe = Sinks.For(shortKey);
        var longProbe = Sinks.For(longKey);
        var shortLived = silo.Grains.GetGrain<IShortLivedGrain>(shortKey);
        Assert.Equal(1, await shortLived.Activations());
        Assert.Equal(1, await silo.Grains.GetGrain<ILifecycleGrain>(longKey).Activations());

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, Volatile.Read(ref shortProbe.Deactivations));
        time.Advance(TimeSpan.FromMinutes(1));
        await shortProbe.Deactivated.Task.WaitAsync(s_wait);

        Assert.Equal(DeactivationReason.IdleCollection, shortProbe.LastDeactivation);
        Assert.Equal(0, Volatile.Read(ref longProbe.Deactivations));
        Assert.Equal(2, await shortLived.Activations());
    }

    [Fact]
    public async Task Deactivate_on_idle_deactivates_after_the_turn()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = Guid.NewGuid().ToString("N");
        var probe = Sinks.For(key);
        var grain = silo.Grains.GetGrain<ILifecycleGrain>(key);

        await grain.DeactivateAfterThisCall();
        await probe.Deactivated.Task.WaitAsync(s_wait);

        Assert.Equal(DeactivationReason.ApplicationRequested, probe.LastDeactivation);
        Assert.Equal(2, await grain.Activations());
    }

    [Fact]
    public async Task Stopping_the_silo_deactivates_every_activation()
    {
        var silo = await TestSilo.StartAsync();
        var key = Guid.NewGuid().ToString("N");
        await silo.Grains.GetGrain<ILifecycleGrain>(key).Activations();

        await silo.DisposeAsync();

        Assert.Equal(DeactivationReason.ShuttingDown, Sinks.For(key).LastDeactivation);
    }
}
