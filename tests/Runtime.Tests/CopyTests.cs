using SampleMind.Runtime.Tests.Grains;
using SampleMind.Runtime.Tests.Support;

namespace SampleMind.Runtime.Tests;

public sealed class CopyTests
{
    [Fact]
    public async Task Arguments_and_results_are_copied()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = Guid.NewGuid();
        var grain = silo.Grains.GetGrain<ICopyGrain>(key);
        var basket = new Basket { Owner = "ann", Items = ["kick"] };

        await grain.Store(basket);
        basket.Items.Add("added by the caller after the call");
        basket.Owner = "changed";
        var returned = await grain.Get();
        returned.Items.Add("added to the returned copy");
        var again = await grain.Get();

        Assert.Equal("ann", again.Owner);
        Assert.Equal(["kick"], again.Items);
        Assert.NotSame(returned, again);
        Assert.Equal(key, await grain.Key());
    }
}
