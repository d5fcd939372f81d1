using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace SampleMind.Api.Metrics;

/// <summary>
/// Listens to every instrument of the SampleMind meters and keeps cumulative sums per
/// (instrument, tags), histogram counts/sums/buckets and a small reservoir of recent values for
/// percentiles. Serves <c>/metrics</c> (Prometheus text) and the dashboard's figures.
/// </summary>
public sealed class MetricsCollector : IDisposable
{
    /// <summary>Histogram bucket upper bounds (milliseconds for durations).</summary>
    internal static readonly double[] s_buckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<SeriesKey, SumSeries> _sums = new();
    private readonly ConcurrentDictionary<SeriesKey, HistogramSeries> _histograms = new();

    public MetricsCollector()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name.StartsWith("SampleMind", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    /// <summary>Cumulative sums of counters and last values of gauges, by series.</summary>
    public IReadOnlyCollection<KeyValuePair<SeriesKey, SumSeries>> Sums
    {
        get
        {
            _listener.RecordObservableInstruments();
            return _sums.ToArray();
        }
    }

    public IReadOnlyCollection<KeyValuePair<SeriesKey, HistogramSeries>> Histograms => _histograms.ToArray();

    /// <summary>The total of a counter over all its series whose tag <paramref name="tag"/> equals <paramref name="value"/> (or all when null).</summary>
    public double Total(string instrument, string? tag = null, string? value = null)
    {
        var total = 0.0;
        foreach (var (key, series) in Sums)
        {
            if (key.Instrument == instrument && (tag is null || key.Tag(tag) == value))
            {
                total += series.Value;
            }
        }

        return total;
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = SeriesKey.Create(instrument, tags);
        if (instrument is Histogram<double> or Histogram<long> or Histogram<int>)
        {
            _histograms.GetOrAdd(key, static _ => new HistogramSeries()).Add(value);
            return;
        }

        var series = _sums.GetOrAdd(key, static _ => new SumSeries());
        if (instrument.GetType().Name.StartsWith("Observable", StringComparison.Ordinal))
        {
            series.Set(value);
        }
        else
        {
            series.Add(value);
        }
    }
}
