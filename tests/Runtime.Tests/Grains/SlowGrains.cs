namespace SampleMind.Runtime.Tests.Grains;

public interface ISlowGrain : IGrainWithStringKey
{
    /// <summary>Enters (setting the probe's signal to "entered"), waits for the probe's gate, leaves.</summary>
    Task Slow();

    /// <summary>Like <see cref="Slow"/>, but interleaves with anything.</summary>
    [AlwaysInterleave]
    Task SlowInterleaved();
}

public interface IReentrantSlowGrain : IGrainWithStringKey
{
    Task Slow();
}

public sealed class SlowGrain : Grain, ISlowGrain
{
    public async Task Slow()
    {
        var probe = Sinks.For(GetPrimaryKeyString());
        probe.Enter();
        probe.Signal.TrySetResult("entered");
        try
        {
            await probe.Gate.Task;
        }
        finally
        {
            probe.Exit();
        }
    }

    public Task SlowInterleaved() => Slow();
}

[Reentrant]
public sealed class ReentrantSlowGrain : Grain, IReentrantSlowGrain
{
    public async Task Slow()
    {
        var probe = Sinks.For(GetPrimaryKeyString());
        probe.Enter();
        try
        {
            await probe.Gate.Task;
        }
        finally
        {
            probe.Exit();
        }
    }
}
