using SampleMind.Runtime.Tests.Grains;
using SampleMind.Runtime.Tests.Support;

namespace SampleMind.Runtime.Tests;

public sealed class CallTimeoutTests
{
    [Fact]
    public async Task A_call_cycle_between_non_reentrant_grains_times_out_with_a_clear_message()
    {
        await using var silo = await TestSilo.StartAsync(o => o.ResponseTimeout = TimeSpan.FromSeconds(1));
        var a = "a-" + Guid.NewGuid().ToString("N");
        var b = "b-" + Guid.NewGuid().ToString("N");

        var error = await Assert.ThrowsAsync<GrainCallTimeoutException>(
            () => silo.Grains.GetGrain<ICycleGrain>(a).CallPeer(b).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Contains("call cycle between non-reentrant grains", error.Message, StringComparison.Ordinal);
        Assert.Contains($"cycle/{a}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"cycle/{b}", error.Message, StringComparison.Ordinal);
        Assert.Contains("CallPeer", error.Message, StringComparison.Ordinal);
        Assert.Contains("Call chain:", error.Message, StringComparison.Ordinal);

        // Both activations drain and serve again.
        Assert.Equal($"{a}:x", await silo.Grains.GetGrain<ICycleGrain>(a).Echo("x").WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal($"{b}:y", await silo.Grains.GetGrain<ICycleGrain>(b).Echo("y").WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
