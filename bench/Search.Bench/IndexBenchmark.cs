using System.Diagnostics;
using System.Globalization;
using SampleMind.Search.Index;

namespace SampleMind.Search.Bench;

/// <summary>
/// Builds one shard of N vectors, then reports build time, memory, unfiltered and 1%-filtered query latency
/// (p50/p99, single thread) and recall@10 against exact search on a sample of queries.
/// </summary>
internal static class IndexBenchmark
{
    private const int K = 10;

    public static void Run(BenchArguments a, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"n={a.N} dim={a.Dimensions} clustered={a.Clustered} threads={a.Threads} cores={Environment.ProcessorCount}"));
        var data = VectorData.Generate(a.N, a.Dimensions, a.Clustered, seed: 1);
        var queries = VectorData.Generate(a.Queries, a.Dimensions, a.Clustered, seed: 2);
        var ids = new string[a.N];
        for (var i = 0; i < a.N; i++)
        {
            ids[i] = i.ToString(inv);
        }

        var defaults = new HnswOptions();
        var options = defaults with
        {
            MaxDegreeOfParallelism = a.Threads,
            InitialCapacity = a.N,
            M = a.M ?? defaults.M,
            EfConstruction = a.EfConstruction ?? defaults.EfConstruction,
            ExactSearchThreshold = a.ExactThreshold ?? defaults.ExactSearchThreshold,
        };
        using var index = new HnswIndex(a.Dimensions, VectorMetric.Cosine, options);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        const int batch = 100_000;
        for (var from = 0; from < a.N; from += batch)
        {
            var count = Math.Min(batch, a.N - from);
            index.AddRange(ids[from..(from + count)], data.AsSpan(from * a.Dimensions, count * a.Dimensions));
            output.WriteLine(string.Create(inv, $"  inserted {from + count} in {watch.Elapsed.TotalSeconds:F1} s"));
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        output.WriteLine(string.Create(inv,
            $"build: {watch.Elapsed.TotalSeconds:F1} s wall, {cpu.TotalSeconds:F1} s CPU ({a.N / watch.Elapsed.TotalSeconds:F0} vectors/s; the CPU figure is what a loaded machine cannot inflate)"));
        data = [];
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        output.WriteLine(string.Create(inv, $"memory: GC heap {managed / 1048576.0:F0} MiB, working set {process.WorkingSet64 / 1048576.0:F0} MiB"));
        var options2 = index.Options;
        output.WriteLine(string.Create(inv, $"params: M={options2.M} efConstruction={options2.EfConstruction} exactThreshold={options2.ExactSearchThreshold}"));
        var fraction = a.FilterFraction ?? 0.01;
        var filter = new RandomFilter(index.SlotCount, fraction, seed: 3);
        var efs = a.EfSearch.Count > 0 ? a.EfSearch : [options2.EfSearch];
        foreach (var ef in efs)
        {
            Measure(string.Create(inv, $"ef={ef} unfiltered"), index, queries, a, ef, null, output);
            Measure(string.Create(inv, $"ef={ef} filtered {fraction:P1}"), index, queries, a, ef, filter, output);
        }
    }

    private static void Measure(string name, HnswIndex index, float[] queries, BenchArguments a, int ef, ISlotFilter? filter, TextWriter output)
    {
        var dims = a.Dimensions;
        for (var i = 0; i < Math.Min(100, a.Queries); i++)
        {
            index.SearchFiltered(queries.AsSpan(i * dims, dims), K, filter, ef);
        }

        var latencies = new double[a.Queries];
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < a.Queries; i++)
        {
            var start = Stopwatch.GetTimestamp();
            index.SearchFiltered(queries.AsSpan(i * dims, dims), K, filter, ef);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        var cpuPerQuery = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / a.Queries;
        Array.Sort(latencies);
        var recall = Recall(index, queries, a, ef, filter);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: p50 {latencies[latencies.Length / 2]:F3} ms, p99 {latencies[(int)(latencies.Length * 0.99)]:F3} ms, mean CPU {cpuPerQuery:F3} ms/query, recall@{K} {recall:F4} over {a.RecallQueries} queries"));
    }

    private static double Recall(HnswIndex index, float[] queries, BenchArguments a, int ef, ISlotFilter? filter)
    {
        var dims = a.Dimensions;
        var found = 0;
        var total = 0;
        for (var i = 0; i < Math.Min(a.RecallQueries, a.Queries); i++)
        {
            var q = queries.AsSpan(i * dims, dims);
            var truth = new HashSet<int>();
            foreach (var hit in index.SearchExact(q, K, filter))
            {
                truth.Add(hit.Slot);
            }

            foreach (var hit in index.SearchFiltered(q, K, filter, ef))
            {
                found += truth.Contains(hit.Slot) ? 1 : 0;
            }

            total += truth.Count;
        }

        return total == 0 ? 1 : (double)found / total;
    }

    private sealed class RandomFilter : ISlotFilter
    {
        private readonly bool[] _allowed;

        public RandomFilter(int slots, double fraction, int seed)
        {
            var random = new Random(seed);
            _allowed = new bool[slots];
            for (var i = 0; i < slots; i++)
            {
                _allowed[i] = random.NextDouble() < fraction;
            }
        }

        public bool Matches(int slot) => _allowed[slot];
    }
}
