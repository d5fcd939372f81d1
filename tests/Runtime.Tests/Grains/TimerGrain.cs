namespace SampleMind.Runtime.Tests.Grains;

public interface ITimerGrain : IGrainWithStringKey
{
    Task StartTimer(TimeSpan period);

    /// <summary>A turn that holds the mailbox until the probe's gate opens.</summary>
    Task Hold();

    /// <summary>A turn that does nothing: awaited, it says every turn queued before it has finished.</summary>
    Task Ping();
}

public sealed class TimerGrain : Grain, ITimerGrain
{
    private int _inTurn;

    public Task StartTimer(TimeSpan period)
    {
        RegisterGrainTimer(OnTick, period, period);
        return Task.CompletedTask;
    }

    public async Task Hold()
    {
        var probe = Sinks.For(GetPrimaryKeyString());
        Interlocked.Increment(ref _inTurn);
        probe.Signal.TrySetResult("holding");
        await probe.Gate.Task;
        Interlocked.Decrement(ref _inTurn);
    }

    public Task Ping() => Task.CompletedTask;

    private Task OnTick(CancellationToken cancellationToken)
    {
        var probe = Sinks.For(GetPrimaryKeyString());
        if (Volatile.Read(ref _inTurn) != 0)
        {
            Interlocked.Increment(ref probe.Violations);
        }

        Interlocked.Increment(ref probe.Ticks);
        return Task.CompletedTask;
    }
}
