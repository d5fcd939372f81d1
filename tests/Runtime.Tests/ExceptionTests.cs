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
}
