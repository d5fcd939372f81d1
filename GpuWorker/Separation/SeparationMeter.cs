using System.Diagnostics;

namespace SampleMind.GpuWorker.Separation;

/// <summary>
/// Counts what the separation device did: batches, segments, and the time during which at least
/// one batch (model) or segment (DSP) was running: overlapping runs count once, so busy time over
/// wall time is the device's utilisation. Thread-safe; totals since start.
/// </summary>
public sealed class SeparationMeter
{
    private readonly Lock _gate = new();
    private int _running;
    private long _busySince;
    private long _busyTicks;
    private long _batches;
    private long _segments;
    private int _largestBatch;
    private int _mostRequestsInBatch;

    /// <summary>A consistent copy of the totals.</summary>
    public readonly record struct Totals(long Batches, long Segments, TimeSpan Busy, int LargestBatch, int MostRequestsInBatch);

    /// <summary>The totals now (a run in progress counts up to now).</summary>
    public Totals Read()
    {
        lock (_gate)
        {
            var busy = _busyTicks + (_running > 0 ? Stopwatch.GetTimestamp() - _busySince : 0);
            return new Totals(_batches, _segments, Stopwatch.GetElapsedTime(0, busy), _largestBatch, _mostRequestsInBatch);
        }
    }

    /// <summary>Marks a batch of <paramref name="segments"/> segments from <paramref name="requests"/> requests as running until disposed.</summary>
    public IDisposable Run(int segments, int requests)
    {
        lock (_gate)
        {
            if (_running++ == 0)
            {
                _busySince = Stopwatch.GetTimestamp();
            }

            _batches++;
            _segments += segments;
            _largestBatch = Math.Max(_largestBatch, segments);
            _mostRequestsInBatch = Math.Max(_mostRequestsInBatch, requests);
        }

        return new Running(this);
    }

    private void End()
    {
        lock (_gate)
        {
            if (--_running == 0)
            {
                _busyTicks += Stopwatch.GetTimestamp() - _busySince;
            }
        }
    }

    private sealed class Running(SeparationMeter meter) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                meter.End();
            }
        }
    }
}
