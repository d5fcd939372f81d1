using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SampleMind.Runtime.Diagnostics;

/// <summary>
/// Meter "SampleMind.Runtime": <c>samplemind.grain.calls</c> and <c>samplemind.grain.failures</c>
/// (counters; tags grain_type, method), <c>samplemind.grain.call.duration</c> (histogram, ms) and
/// <c>samplemind.grain.activations</c> (observable gauge per grain_type).
/// </summary>
internal sealed class RuntimeMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "SampleMind.Runtime";

    private readonly Meter _meter;
    private readonly Counter<long> _calls;
    private readonly Counter<long> _failures;
    private readonly Histogram<double> _duration;
    private readonly ConcurrentDictionary<string, StrongBox> _activations = new(StringComparer.Ordinal);

    public RuntimeMetrics(IMeterFactory? meterFactory)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _calls = _meter.CreateCounter<long>("samplemind.grain.calls", "{call}", "Grain calls completed");
        _failures = _meter.CreateCounter<long>("samplemind.grain.failures", "{call}", "Grain calls that threw");
        _duration = _meter.CreateHistogram<double>("samplemind.grain.call.duration", "ms", "Grain call duration, from the turn's start");
        _meter.CreateObservableGauge("samplemind.grain.activations", ObserveActivations, "{activation}", "Activations per grain type");
    }

    /// <summary>A timestamp when the duration histogram is listened to, else 0.</summary>
    public long StartCall() => _duration.Enabled ? Stopwatch.GetTimestamp() : 0;

    public void EndCall(string grainType, string method, long started, bool failed)
    {
        if (_calls.Enabled)
        {
            _calls.Add(1, new KeyValuePair<string, object?>("grain_type", grainType), new KeyValuePair<string, object?>("method", method));
        }

        if (started != 0)
        {
            _duration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                new KeyValuePair<string, object?>("grain_type", grainType), new KeyValuePair<string, object?>("method", method));
        }

        if (failed)
        {
            _failures.Add(1, new KeyValuePair<string, object?>("grain_type", grainType), new KeyValuePair<string, object?>("method", method));
        }
    }

    public void ActivationAdded(string grainType) => Interlocked.Increment(ref _activations.GetOrAdd(grainType, _ => new StrongBox()).Value);

    public void ActivationRemoved(string grainType) => Interlocked.Decrement(ref _activations.GetOrAdd(grainType, _ => new StrongBox()).Value);

    /// <summary>Live activations per grain type (types with none left out).</summary>
    public Dictionary<string, int> ActivationCounts()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (type, box) in _activations)
        {
            var count = Volatile.Read(ref box.Value);
            if (count > 0)
            {
                counts[type] = count;
            }
        }

        return counts;
    }

    /// <summary>
    /// Every grain type this silo has activated, with its live count, zero included: a series left out of an
    /// observation keeps its last value in a collector (the /metrics endpoint showed 833 sample activations long after
    /// idle collection had deactivated them all).
    /// </summary>
    private IEnumerable<Measurement<int>> ObserveActivations()
    {
        foreach (var (type, box) in _activations)
        {
            yield return new Measurement<int>(Volatile.Read(ref box.Value), new KeyValuePair<string, object?>("grain_type", type));
        }
    }

    public void Dispose() => _meter.Dispose();

    private sealed class StrongBox
    {
        public int Value;
    }
}
