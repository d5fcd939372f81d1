using System.Collections.Concurrent;
using System.Diagnostics;

namespace SampleMind.Cluster.Tests.Grains;

/// <summary>When each activation of a grain key started and ended, and where (keys are unique per test).</summary>
public static class ActivationLog
{
    private static readonly ConcurrentDictionary<string, List<Interval>> s_intervals = new(StringComparer.Ordinal);

    public static void Started(string key, string silo)
    {
        var list = s_intervals.GetOrAdd(key, _ => []);
        lock (list)
        {
            list.Add(new Interval(silo, Stopwatch.GetTimestamp()));
        }
    }

    public static void Ended(string key, string silo)
    {
        var list = s_intervals.GetOrAdd(key, _ => []);
        lock (list)
        {
            var open = list.FindLast(i => i.Silo == silo && i.End == long.MaxValue);
            if (open is not null)
            {
                open.End = Stopwatch.GetTimestamp();
            }
        }
    }

    /// <summary>Descriptions of every pair of activations of one key that were alive at the same time.</summary>
    public static List<string> Overlaps(IEnumerable<string> keys)
    {
        var overlaps = new List<string>();
        foreach (var key in keys)
        {
            if (!s_intervals.TryGetValue(key, out var list))
            {
                continue;
            }

            lock (list)
            {
                var sorted = list.OrderBy(i => i.Start).ToList();
                for (var i = 1; i < sorted.Count; i++)
                {
                    if (sorted[i].Start < sorted[i - 1].End)
                    {
                        overlaps.Add($"{key}: {sorted[i - 1].Silo} and {sorted[i].Silo}");
                    }
                }
            }
        }

        return overlaps;
    }

    public static int ActivationCount(IEnumerable<string> keys) =>
        keys.Sum(k => s_intervals.TryGetValue(k, out var list) ? list.Count : 0);

    public sealed class Interval(string silo, long start)
    {
        public string Silo { get; } = silo;

        public long Start { get; } = start;

        public long End { get; set; } = long.MaxValue;
    }
}
