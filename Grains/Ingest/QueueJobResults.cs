using System.Runtime.CompilerServices;
using System.Text.Json;
using SampleMind.Grains.Abstractions;
using SampleMind.Grains.Abstractions.Ingest;
using SampleMind.Scheduling;

namespace SampleMind.Grains.Ingest;

/// <summary>
/// Reads a job's results from the work queue page by page: completed items (their recorded rows)
/// merged in item order with the items set aside (their errors).
/// </summary>
public sealed class QueueJobResults(IWorkQueue queue) : IJobResults
{
    private const int PageSize = 500;

    public async IAsyncEnumerable<JobResultRow> ReadAsync(string jobId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var done = new PageReader<WorkResult>((after, ct) => queue.ReadResultsAsync(jobId, after, PageSize, ct), r => r.ItemId);
        var failed = new PageReader<WorkFailure>((after, ct) => queue.ReadFailuresAsync(jobId, PageSize, after, ct), f => f.ItemId);
        while (true)
        {
            var nextDone = await done.PeekAsync(cancellationToken);
            var nextFailed = await failed.PeekAsync(cancellationToken);
            if (nextDone is null && nextFailed is null)
            {
                yield break;
            }

            if (nextFailed is null || (nextDone is not null && nextDone.ItemId < nextFailed.ItemId))
            {
                done.Take();
                yield return nextDone!.ResultJson is { } json
                    ? JsonSerializer.Deserialize(json, GrainsJsonContext.Default.JobResultRow)!
                    : new JobResultRow(nextDone.ItemKey, "analysed", null, null);
            }
            else
            {
                failed.Take();
                yield return new JobResultRow(nextFailed.ItemKey, "failed", null, nextFailed.Error);
            }
        }
    }

    /// <summary>Walks one paged, id-ordered listing with a one-item look-ahead.</summary>
    private sealed class PageReader<T>(Func<long, CancellationToken, Task<IReadOnlyList<T>>> read, Func<T, long> idOf)
        where T : class
    {
        private IReadOnlyList<T> _page = [];
        private int _index;
        private long _after;
        private bool _exhausted;

        public async Task<T?> PeekAsync(CancellationToken cancellationToken)
        {
            if (_index < _page.Count)
            {
                return _page[_index];
            }

            if (_exhausted)
            {
                return null;
            }

            _page = await read(_after, cancellationToken);
            _index = 0;
            _exhausted = _page.Count < PageSize;
            if (_page.Count == 0)
            {
                return null;
            }

            _after = idOf(_page[^1]);
            return _page[0];
        }

        public void Take() => _index++;
    }
}
