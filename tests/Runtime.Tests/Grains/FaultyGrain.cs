namespace SampleMind.Runtime.Tests.Grains;

public interface IFaultyGrain : IGrainWithStringKey
{
    Task<int> Increment();

    Task Fail(string message);

    ValueTask<int> ActivationCount();
}

public sealed class FaultyGrain : Grain, IFaultyGrain
{
    private int _count;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Sinks.For(GetPrimaryKeyString()).Activations);
        return Task.CompletedTask;
    }

    public Task<int> Increment() => Task.FromResult(++_count);

    public async Task Fail(string message)
    {
        await Task.Yield();
        throw new ArgumentException(message, nameof(message));
    }

    public ValueTask<int> ActivationCount() => ValueTask.FromResult(Sinks.For(GetPrimaryKeyString()).Activations);
}
