namespace SampleMind.Runtime.Tests.Grains;

/// <summary>What one test grain reports: counts, concurrency, gates and signals.</summary>
public sealed class Probe
{
    private int _concurrent;
    private int _maxConcurrent;

    public int Activations;
    public int Deactivations;
    public int Ticks;
    public int Violations;
    public DeactivationReason? LastDeactivation;

    public System.Collections.Concurrent.ConcurrentQueue<string> Fired { get; } = new();

    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Deactivated { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<string> Signal { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set once the awaited number of callers are inside at the same time.</summary>
    public TaskCompletionSource BothEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int MaxConcurrent => Volatile.Read(ref _maxConcurrent);

    public int Concurrent => Volatile.Read(ref _concurrent);

    public void Enter(int entered = 2)
    {
        var now = Interlocked.Increment(ref _concurrent);
        int max;
        while (now > (max = Volatile.Read(ref _maxConcurrent)) && Interlocked.CompareExchange(ref _maxConcurrent, now, max) != max)
        {
        }

        if (now >= entered)
        {
            BothEntered.TrySetResult();
        }
    }

    public void Exit() => Interlocked.Decrement(ref _concurrent);
}
