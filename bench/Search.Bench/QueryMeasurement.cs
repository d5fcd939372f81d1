using System.Diagnostics;
using System.Globalization;
using SampleMind.Search.Index;

namespace SampleMind.Search.Bench;

/// <summary>
/// Latency (p50/p99 wall, mean CPU, bytes allocated per query; single thread) and recall@k against exact search for
/// one query set, with the exact answers computed once per filter and reused for every ef.
/// </summary>
internal sealed class QueryMeasurement(HnswIndex index, float[] queries, BenchArguments a, TextWriter output)
{
    public const int K = 10;

    private readonly Dictionary<ISlotFilter, HashSet<int>[]> _truth = new(ReferenceEqualityComparer.Instance);
    private readonly int _dims = a.Dimensions;
    private readonly int _recallQueries = Math.Min(a.RecallQueries, a.Queries);

    /// <summary>Measures latency and recall at <paramref name="ef"/> and prints one line; returns the recall.</summary>
    public double Report(string name, int ef, ISlotFilter? filter)
    {
        var inv = CultureInfo.InvariantCulture;
        // Warm up for a second at least, so the JIT has promoted the search loop to its optimised tier.
        var warmUp = Stopwatch.StartNew();
        for (var i = 0; i < 100 || warmUp.ElapsedMilliseconds < 1000; i++)
        {
            index.SearchFiltered(Row(i % a.Queries), K, filter, ef);
        }

        var latencies = new double[a.Queries];
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < a.Queries; i++)
        {
            var start = Stopwatch.GetTimestamp();
            index.SearchFiltered(Row(i), K, filter, ef);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        var cpuPerQuery = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / a.Queries;
        var bytesPerQuery = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)a.Queries;
        Array.Sort(latencies);
        var recall = Recall(ef, filter);
        output.WriteLine(string.Create(inv,
            $"{name}: p50 {Percentile(latencies, 0.50):F3} ms, p99 {Percentile(latencies, 0.99):F3} ms, mean CPU {cpuPerQuery:F3} ms/query, {bytesPerQuery:F0} B allocated/query, recall@{K} {recall:F4} over {_recallQueries} queries"));
        return recall;
    }

    /// <summary>
    /// The smallest ef (to within about 6%) whose unfiltered recall@k reaches <paramref name="target"/>: doubling from
    /// k, then bisecting. Null when even <paramref name="maxEf"/> falls short.
    /// </summary>
    public (int Ef, double Recall)? FindEf(double target, int maxEf)
    {
        var low = K;
        var lowRecall = Recall(low, null);
        if (lowRecall >= target)
        {
            return (low, lowRecall);
        }

        var high = low;
        double highRecall;
        do
        {
            high = Math.Min(maxEf, high * 2);
            highRecall = Recall(high, null);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ef={high}: recall@{K} {highRecall:F4}"));
            if (highRecall < target)
            {
                low = high;
            }
        }
        while (highRecall < target && high < maxEf);

        if (highRecall < target)
        {
            return null;
        }

        while (high - low > Math.Max(4, high / 16))
        {
            var mid = (low + high) / 2;
            var recall = Recall(mid, null);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ef={mid}: recall@{K} {recall:F4}"));
            if (recall >= target)
            {
                (high, highRecall) = (mid, recall);
            }
            else
            {
                low = mid;
            }
        }

        return (high, highRecall);
    }

    /// <summary>recall@k at <paramref name="ef"/> over the first RecallQueries queries.</summary>
    public double Recall(int ef, ISlotFilter? filter)
    {
        var truth = Truth(filter);
        var found = 0;
        var total = 0;
        for (var i = 0; i < truth.Length; i++)
        {
            foreach (var hit in index.SearchFiltered(Row(i), K, filter, ef))
            {
                found += truth[i].Contains(hit.Slot) ? 1 : 0;
            }

            total += truth[i].Count;
        }

        return total == 0 ? 1 : (double)found / total;
    }

    private HashSet<int>[] Truth(ISlotFilter? filter)
    {
        if (_truth.TryGetValue(filter ?? NoFilter.Instance, out var cached))
        {
            return cached;
        }

        var truth = new HashSet<int>[_recallQueries];
        Parallel.For(0, truth.Length, i => truth[i] = [.. index.SearchExact(Row(i), K, filter).Select(h => h.Slot)]);
        _truth[filter ?? NoFilter.Instance] = truth;
        return truth;
    }

    private ReadOnlySpan<float> Row(int i) => queries.AsSpan(i * _dims, _dims);

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * p))];

    /// <summary>Stands for "no filter" as a dictionary key.</summary>
    private sealed class NoFilter : ISlotFilter
    {
        public static readonly NoFilter Instance = new();

        public bool Matches(int slot) => true;
    }
}
