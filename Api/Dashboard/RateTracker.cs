using System.Collections.Concurrent;

namespace SampleMind.Api.Dashboard;

/// <summary>Turns cumulative counters into per-second rates between successive readings.</summary>
internal sealed class RateTracker(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (long Timestamp, double Value, double Rate)> _last = new();

    public double Rate(string key, double cumulative)
    {
        var now = time.GetTimestamp();
        var rate = 0.0;
        _last.AddOrUpdate(key, _ => (now, cumulative, 0), (_, previous) =>
        {
            var seconds = time.GetElapsedTime(previous.Timestamp, now).TotalSeconds;
            rate = seconds < 0.2 ? previous.Rate : Math.Max(0, cumulative - previous.Value) / seconds;
            return seconds < 0.2 ? previous : (now, cumulative, rate);
        });
        return rate;
    }
}
