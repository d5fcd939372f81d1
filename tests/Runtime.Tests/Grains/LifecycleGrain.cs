namespace SampleMind.Runtime.Tests.Grains;

public interface ILifecycleGrain : IGrainWithStringKey
{
    Task<int> Activations();

    Task DeactivateAfterThisCall();
}

public interface IShortLivedGrain : IGrainWithStringKey
{
    Task<int> Activations();
}

/// <summary>Reports its activations and deactivations to the probe of its key.</summary>
public abstract class ProbedGrain(TimeProvider time) : Grain
{
    private readonly DateTimeOffset _created = time.GetUtcNow();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Sinks.For(GetPrimaryKeyString()).Activations);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        var probe = Sinks.For(GetPrimaryKeyString());
        probe.LastDeactivation = reason;
        Interlocked.Increment(ref probe.Deactivations);
        probe.Deactivated.TrySetResult();
        return Task.CompletedTask;
    }

    public Task<int> Activations() => Task.FromResult(_created == default ? -1 : Sinks.For(GetPrimaryKeyString()).Activations);
}

public sealed class LifecycleGrain(TimeProvider time) : ProbedGrain(time), ILifecycleGrain
{
    public Task DeactivateAfterThisCall()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

/// <summary>A probed grain whose idle activations are collected after 2 minutes, not the silo's age.</summary>
[CollectionAgeLimit(Minutes = 2)]
public sealed class ShortLivedGrain(TimeProvider time) : ProbedGrain(time), IShortLivedGrain;
