using SampleMind.Runtime.Tests.Grains;
using SampleMind.Runtime.Tests.Support;
using SampleMind.TestSupport;

namespace SampleMind.Runtime.Tests;

public sealed class ReminderTests : IDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);
    private readonly string _directory = TestSilo.NewDataDirectory();

    public void Dispose() => TestSilo.DeleteDirectory(_directory);

    [Fact]
    public async Task A_reminder_registered_before_a_restart_fires_in_the_next_host()
    {
        var key = Guid.NewGuid().ToString("N");
        await using (var first = await TestSilo.StartAsync(dataDirectory: _directory, storage: "sqlite"))
        {
            var grain = first.Grains.GetGrain<IReminderGrain>(key);
            await grain.Register("wake", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));
            Assert.True(await grain.Has("wake"));
        }

        await using var second = await TestSilo.StartAsync(dataDirectory: _directory, storage: "sqlite", configure: o => o.SiloId = "second-" + key);

        await Eventually.HoldsAsync(() => Sinks.For(key).Fired.Contains($"second-{key}:wake"), s_wait, "the reminder to fire in the second host");
        await second.Grains.GetGrain<IReminderGrain>(key).Unregister("wake");
        Assert.False(await second.Grains.GetGrain<IReminderGrain>(key).Has("wake"));
    }

    [Fact]
    public async Task A_period_below_the_minimum_is_refused()
    {
        await using var silo = await TestSilo.StartAsync(o => o.MinimumReminderPeriod = TimeSpan.FromMinutes(1), dataDirectory: _directory);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            silo.Grains.GetGrain<IReminderGrain>(Guid.NewGuid().ToString("N")).Register("fast", TimeSpan.Zero, TimeSpan.FromSeconds(5)));
    }
}
