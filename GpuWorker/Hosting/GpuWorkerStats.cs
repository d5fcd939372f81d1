using System.Diagnostics;
using Microsoft.Extensions.Options;
using SampleMind.GpuWorker.Inference;
using SampleMind.GpuWorker.Separation;
using SampleMind.Grains.Abstractions.Compute;

namespace SampleMind.GpuWorker.Hosting;

/// <summary>
/// What this process's GPU work handlers did lately, for the dashboard's GPU panel: requests and
/// outputs finished, outputs per second over the report interval, the last method, whether the work
/// ran without CUDA, and from the separator's <see cref="SeparationMeter"/> the device's
/// utilisation and batch sizes (<see cref="Snapshot"/>, sent by <see cref="GpuStatsReporter"/>).
/// </summary>
public sealed class GpuWorkerStats(IOptions<OnnxRuntimeOptions> runtime, StemSeparator separator)
{
    private readonly Lock _gate = new();
    private long _requests;
    private long _items;
    private long _lastItems;
    private int _batchSize;
    private string? _method;
    private SeparationMeter.Totals _lastTotals;
    private long _lastSnapshot = Stopwatch.GetTimestamp();

    /// <summary>Requests finished since start.</summary>
    public long Requests { get { lock (_gate) { return _requests; } } }

    /// <summary>Output files (stems, variations) made since start.</summary>
    public long Items { get { lock (_gate) { return _items; } } }

    /// <summary>Outputs of the last request.</summary>
    public int BatchSize { get { lock (_gate) { return _batchSize; } } }

    /// <summary>The last method used ("dsp-hpss", "model:&lt;name&gt;"...), null before the first request.</summary>
    public string? Method { get { lock (_gate) { return _method; } } }

    /// <summary>True when the work runs on the CPU: a DSP method, or no CUDA execution provider configured.</summary>
    public bool CpuFallback
    {
        get
        {
            lock (_gate)
            {
                var model = _method is not null && _method.StartsWith("model:", StringComparison.Ordinal);
                return !model || runtime.Value.ExecutionProvider != ExecutionProvider.Cuda;
            }
        }
    }

    /// <summary>Records one finished request.</summary>
    public void Record(string method, int outputs)
    {
        lock (_gate)
        {
            _requests++;
            _items += outputs;
            _batchSize = outputs;
            _method = method;
        }
    }

    /// <summary>
    /// The figures now; utilisation, average batch size and outputs per second cover the time since the
    /// previous snapshot (the report interval), so they fall to 0 when the silo idles; the rest since start.
    /// (Outputs per second were the last request's, sent every interval for as long as the silo stayed idle.)
    /// </summary>
    public GpuSiloStats Snapshot(string siloId, DateTimeOffset now)
    {
        var fallback = CpuFallback;
        var totals = separator.Meter.Read();
        var wall = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            var window = Stopwatch.GetElapsedTime(_lastSnapshot, wall);
            var busy = totals.Busy - _lastTotals.Busy;
            var batches = totals.Batches - _lastTotals.Batches;
            var utilisation = window > TimeSpan.Zero ? Math.Clamp(busy / window, 0, 1) : 0;
            var averageBatch = batches > 0 ? (double)(totals.Segments - _lastTotals.Segments) / batches : 0;
            var itemsPerSecond = window > TimeSpan.Zero ? (_items - _lastItems) / window.TotalSeconds : 0;
            _lastItems = _items;
            _lastTotals = totals;
            _lastSnapshot = wall;
            return new GpuSiloStats(siloId, fallback ? "cpu" : "cuda", fallback, utilisation, averageBatch, totals.LargestBatch,
                totals.MostRequestsInBatch, totals.Segments, totals.Busy.TotalSeconds, _requests, itemsPerSecond, _method, now);
        }
    }
}
