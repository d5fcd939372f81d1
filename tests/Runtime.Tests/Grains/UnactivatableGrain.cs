namespace SampleMind.Runtime.Tests.Grains;

public interface IUnactivatableGrain : IGrainWithStringKey
{
    Task<int> Ping();
}

/// <summary>A grain whose activation fails at once, as one does whose state cannot be read (a damaged store).</summary>
public sealed class UnactivatableGrain : Grain, IUnactivatableGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Sinks.For(GetPrimaryKeyString()).Activations);
        throw new InvalidDataException("the stored state of " + GetPrimaryKeyString() + " cannot be read");
    }

    public Task<int> Ping() => Task.FromResult(1);
}
