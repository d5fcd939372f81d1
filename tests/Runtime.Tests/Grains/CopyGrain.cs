namespace SampleMind.Runtime.Tests.Grains;

/// <summary>A mutable object: copying is what keeps the caller and the grain apart.</summary>
public sealed class Basket
{
    public string Owner { get; set; } = "";

    public List<string> Items { get; set; } = [];
}

public interface ICopyGrain : IGrainWithGuidKey
{
    Task Store(Basket basket);

    Task<Basket> Get();

    Task<Guid> Key();
}

public sealed class CopyGrain : Grain, ICopyGrain
{
    private Basket _basket = new();

    public Task Store(Basket basket)
    {
        _basket = basket;
        return Task.CompletedTask;
    }

    public Task<Basket> Get() => Task.FromResult(_basket);

    public Task<Guid> Key() => Task.FromResult(GetPrimaryKey());
}
