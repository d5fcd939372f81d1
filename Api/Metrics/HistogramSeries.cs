namespace SampleMind.Api.Metrics;

/// <summary>A histogram's count, sum, cumulative buckets and the last 1,024 values for percentiles.</summary>
public sealed class HistogramSeries
{
    private const int ReservoirSize = 1024;
    private readonly Lock _lock = new();
    private readonly long[] _buckets = new long[MetricsCollector.s_buckets.Length + 1];
    private readonly double[] _recent = new double[ReservoirSize];
    private long _count;
    private double _sum;

    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    public double Sum
    {
        get
        {
            lock (_lock)
            {
                return _sum;
            }
        }
    }

    /// <summary>Counts per bucket (not cumulative); the last entry is +Inf.</summary>
    public long[] Buckets()
    {
        lock (_lock)
        {
            return (long[])_buckets.Clone();
        }
    }

    /// <summary>The <paramref name="quantile"/> (0..1) of the recent values, or 0 when none.</summary>
    public double Percentile(double quantile)
    {
        double[] values;
        lock (_lock)
        {
            values = _recent.AsSpan(0, (int)Math.Min(_count, ReservoirSize)).ToArray();
        }

        if (values.Length == 0)
        {
            return 0;
        }

        Array.Sort(values);
        return values[(int)Math.Min(values.Length - 1, Math.Floor(quantile * values.Length))];
    }

    internal void Add(double value)
    {
        var bucket = Array.BinarySearch(MetricsCollector.s_buckets, value);
        bucket = bucket < 0 ? ~bucket : bucket;
        lock (_lock)
        {
            _recent[_count % ReservoirSize] = value;
            _count++;
            _sum += value;
            _buckets[bucket]++;
        }
    }
}
