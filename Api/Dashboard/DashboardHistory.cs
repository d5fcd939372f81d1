using SampleMind.Api.Metrics;
using SampleMind.Scheduling;

namespace SampleMind.Api.Dashboard;

/// <summary>
/// Samples calls/s, p99 call latency and queue depth every 10 s and keeps the last hour (360
/// points) for the dashboard's charts. A sample that fails (the queue's database is down) is left out of the
/// charts and logged once per outage; the sampling goes on.
/// </summary>
internal sealed partial class DashboardHistory(MetricsCollector metrics, IWorkQueue queue, TimeProvider time, ILogger<DashboardHistory> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private const int Capacity = 360;
    private readonly Lock _lock = new();
    private readonly Queue<double[]> _calls = new();
    private readonly Queue<double[]> _p99 = new();
    private readonly Queue<double[]> _depth = new();
    private double _lastCalls = double.NaN;
    private long[]? _lastBuckets;

    public HistoryView Snapshot()
    {
        lock (_lock)
        {
            return new HistoryView([.. _calls], [.. _p99], [.. _depth]);
        }
    }

    /// <summary>Takes one sample now (also used by tests).</summary>
    public async Task SampleAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var calls = metrics.Total(RuntimeInstruments.Calls);
        var rate = double.IsNaN(_lastCalls) ? 0 : Math.Max(0, calls - _lastCalls) / Interval.TotalSeconds;
        _lastCalls = calls;
        var p99 = WindowP99();
        var depth = (await queue.GetDepthsAsync(cancellationToken)).Sum(d => d.Pending);
        lock (_lock)
        {
            Push(_calls, [now, rate]);
            Push(_p99, [now, p99]);
            Push(_depth, [now, depth]);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        var failing = false;
        do
        {
            try
            {
                await SampleAsync(stoppingToken);
                if (failing)
                {
                    SamplingRecovered(logger);
                    failing = false;
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A background service that throws stops the host: a database blip must not take the silo down.
                if (!failing)
                {
                    SamplingFailed(logger, e);
                    failing = true;
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 7200, Level = LogLevel.Warning, Message = "The dashboard's history could not read the queue's depth; its charts miss points until it can")]
    private static partial void SamplingFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 7201, Level = LogLevel.Information, Message = "The dashboard's history reads the queue's depth again")]
    private static partial void SamplingRecovered(ILogger logger);

    /// <summary>
    /// The p99 of the grain calls since the previous sample, to the upper bound of its histogram bucket; 0 without
    /// calls, and at the first sample, which has no previous one. Each point is its own 10 s (the percentile of the latest 1,024 calls stayed at a busy moment's value for as
    /// long as the cluster stayed idle after it).
    /// </summary>
    private double WindowP99()
    {
        var buckets = new long[MetricsCollector.s_buckets.Length + 1];
        foreach (var (key, series) in metrics.Histograms)
        {
            if (key.Instrument == RuntimeInstruments.CallDuration)
            {
                var counts = series.Buckets();
                for (var i = 0; i < buckets.Length; i++)
                {
                    buckets[i] += counts[i];
                }
            }
        }

        var previous = _lastBuckets;
        _lastBuckets = buckets;
        if (previous is null)
        {
            // The first sample has no window, as its calls/s (0) has none: its p99 was of every call since start.
            return 0;
        }

        var window = new long[buckets.Length];
        long total = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            window[i] = Math.Max(0, buckets[i] - previous[i]);
            total += window[i];
        }

        if (total == 0)
        {
            return 0;
        }

        var target = (long)Math.Ceiling(total * 0.99);
        long seen = 0;
        for (var i = 0; i < window.Length; i++)
        {
            seen += window[i];
            if (seen >= target)
            {
                return MetricsCollector.s_buckets[Math.Min(i, MetricsCollector.s_buckets.Length - 1)];
            }
        }

        return MetricsCollector.s_buckets[^1];
    }

    private static void Push(Queue<double[]> series, double[] point)
    {
        series.Enqueue(point);
        if (series.Count > Capacity)
        {
            series.Dequeue();
        }
    }
}
