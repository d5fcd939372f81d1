namespace SampleMind.Runtime.Tests.Grains;

public interface ISelfReplacingTimerGrain : IGrainWithStringKey
{
    Task Start();

    /// <summary>A turn that does nothing: awaited, it says every turn queued before it has finished.</summary>
    Task Ping();
}

/// <summary>
/// A grain whose timer's first tick replaces the timer with a slower one and then awaits the tick's own token, as a
/// job does when it moves from listing to watching its counts: the replaced timer's token is cancelled under it.
/// </summary>
[GrainType("self-replacing-timer")]
public sealed class SelfReplacingTimerGrain : Grain, ISelfReplacingTimerGrain
{
    private IDisposable? _timer;

    public Task Start()
    {
        _timer = RegisterGrainTimer(OnTick, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        return Task.CompletedTask;
    }

    public Task Ping() => Task.CompletedTask;

    private async Task OnTick(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        _timer = RegisterGrainTimer(OnTick, TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        Interlocked.Increment(ref Sinks.For(GetPrimaryKeyString()).Ticks);
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
