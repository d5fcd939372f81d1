using SampleMind.Grains.Abstractions.Ingest;
using SampleMind.Grains.Ingest;

namespace SampleMind.Grains.Tests.Ingest;

/// <summary>
/// The queue's ingest work with a step run right after the job's pause or resume reaches the queue, inside the job's
/// turn: a test records the job's last files there, as a worker finishing them at that moment would.
/// </summary>
internal sealed class SteppedIngestWork(IIngestWork inner) : IIngestWork
{
    /// <summary>Runs once after the next pause or resume; null for none.</summary>
    public Func<Task>? AfterSteer { get; set; }

    public Task RegisterJobAsync(IngestJobSpec spec, CancellationToken cancellationToken) => inner.RegisterJobAsync(spec, cancellationToken);

    public Task<int> EnqueueAsync(IngestJobSpec spec, IReadOnlyList<string> relativePaths, int covered, string? refusal, CancellationToken cancellationToken) =>
        inner.EnqueueAsync(spec, relativePaths, covered, refusal, cancellationToken);

    public Task<IngestCounts> GetCountsAsync(string jobId, CancellationToken cancellationToken) => inner.GetCountsAsync(jobId, cancellationToken);

    public async Task PauseAsync(string jobId, CancellationToken cancellationToken)
    {
        await inner.PauseAsync(jobId, cancellationToken);
        await StepAsync();
    }

    public async Task ResumeAsync(string jobId, CancellationToken cancellationToken)
    {
        await inner.ResumeAsync(jobId, cancellationToken);
        await StepAsync();
    }

    public Task CancelAsync(string jobId, CancellationToken cancellationToken) => inner.CancelAsync(jobId, cancellationToken);

    public Task<IReadOnlyList<ItemFailure>> GetFailuresAsync(string jobId, int limit, CancellationToken cancellationToken) =>
        inner.GetFailuresAsync(jobId, limit, cancellationToken);

    private async Task StepAsync()
    {
        if (AfterSteer is { } step)
        {
            AfterSteer = null;
            await step();
        }
    }
}
