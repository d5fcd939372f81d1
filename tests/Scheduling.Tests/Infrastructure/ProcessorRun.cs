using SampleMind.Scheduling.Processing;
using SampleMind.TestSupport;

namespace SampleMind.Scheduling.Tests.Infrastructure;

/// <summary>Runs a <see cref="WorkProcessor"/> for the span of a test.</summary>
public static class ProcessorRun
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    /// <summary>Runs a processor until the condition holds, then stops it and waits for it to return.</summary>
    public static async Task UntilAsync(
        IWorkQueue queue, Dictionary<string, IWorkHandler> handlers, WorkProcessorOptions options, ManualTimeProvider time,
        Func<Task<bool>> condition, string what)
    {
        using var stop = new CancellationTokenSource();
        var processor = new WorkProcessor(queue, handlers, options, time);
        var run = processor.RunAsync(stop.Token);
        await Eventually.HoldsAsync(condition, Deadline, what);
        await stop.CancelAsync();
        await run.WaitAsync(Deadline);
    }
}
