using SampleMind.Runtime.Tests.Grains;
using SampleMind.Runtime.Tests.Support;

namespace SampleMind.Runtime.Tests;

public sealed class ExceptionTests
{
    [Fact]
    public async Task A_grain_exception_reaches_the_caller_and_the_activation_stays()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = Guid.NewGuid().ToString("N");
        var grain = silo.Grains.GetGrain<IFaultyGrain>(key);
        Assert.Equal(1, await grain.Increment());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => grain.Fail("bad input"));

        Assert.StartsWith("bad input", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, await grain.Increment());
        Assert.Equal(1, await grain.ActivationCount());
    }

    [Fact]
    public async Task A_call_to_a_grain_whose_activation_fails_gets_that_failure_and_tries_it_once_a_call()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = Guid.NewGuid().ToString("N");
        var grain = silo.Grains.GetGrain<IUnactivatableGrain>(key);

        var first = await Assert.ThrowsAsync<InvalidDataException>(grain.Ping);
        var second = await Assert.ThrowsAsync<InvalidDataException>(grain.Ping);

        Assert.Equal($"the stored state of {key} cannot be read", first.Message);
        Assert.Equal(first.Message, second.Message);
        Assert.Equal(2, Sinks.For(key).Activations);
    }
}
