using System.Diagnostics;
using System.Globalization;
using SampleMind.Search.Index;

namespace SampleMind.Search.Bench;

/// <summary>
/// Builds (or loads) one shard of N vectors, then reports build time (wall and CPU), memory (GC heap, working set and
/// their peaks), unfiltered and filtered (1% by default) query latency p50/p99 on one thread with recall@10 against
/// exact (filtered) search, and the smallest ef that reaches the target recall.
/// </summary>
internal static class IndexBenchmark
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    public static void Run(BenchArguments a, TextWriter output)
    {
        using var index = a.Load is null ? Build(a, output) : LoadIndex(a, output);
        ReportMemory(output);
        if (a.Save is not null)
        {
            var watch = Stopwatch.StartNew();
            index.Save(a.Save);
            output.WriteLine(string.Create(s_inv, $"saved to {a.Save} in {watch.Elapsed.TotalSeconds:F1} s ({new FileInfo(a.Save).Length / 1048576.0:F0} MiB)"));
        }

        var options = index.Options;
        output.WriteLine(string.Create(s_inv, $"params: M={options.M} efConstruction={options.EfConstruction} efSearch(default)={options.EfSearch} exactThreshold={options.ExactSearchThreshold}"));
        var queries = VectorData.Generate(a.Queries, a.Dimensions, a.Clustered, seed: 2);
        var measure = new QueryMeasurement(index, queries, a, output);
        var fraction = a.FilterFraction ?? 0.01;
        var filter = new RandomFilter(index.SlotCount, fraction, seed: 3);
        var efs = a.EfSearch.Count > 0 ? a.EfSearch : [options.EfSearch];
        foreach (var ef in efs)
        {
            MeasureBoth(measure, ef, filter, fraction);
        }

        if (a.TargetRecall > 0)
        {
            var found = measure.FindEf(a.TargetRecall, a.MaxEf);
            output.WriteLine(found is { } f
                ? string.Create(s_inv, $"ef for recall>={a.TargetRecall:F2}: {f.Ef} (recall@{QueryMeasurement.K} {f.Recall:F4})")
                : string.Create(s_inv, $"ef for recall>={a.TargetRecall:F2}: none up to {a.MaxEf}"));
            if (found is { } hit && !efs.Contains(hit.Ef))
            {
                MeasureBoth(measure, hit.Ef, filter, fraction);
            }
        }

        ReportMemory(output);
    }

    private static void MeasureBoth(QueryMeasurement measure, int ef, ISlotFilter filter, double fraction)
    {
        measure.Report(string.Create(s_inv, $"ef={ef} unfiltered"), ef, null);
        measure.Report(string.Create(s_inv, $"ef={ef} filtered {fraction:P1} (recall against exact filtered search)"), ef, filter);
    }

    private static HnswIndex Build(BenchArguments a, TextWriter output)
    {
        output.WriteLine(string.Create(s_inv, $"n={a.N} dim={a.Dimensions} clustered={a.Clustered} threads={a.Threads} cores={Environment.ProcessorCount}"));
        var data = VectorData.Generate(a.N, a.Dimensions, a.Clustered, seed: 1);
        var ids = new string[a.N];
        for (var i = 0; i < a.N; i++)
        {
            ids[i] = i.ToString(s_inv);
        }

        var defaults = new HnswOptions();
        var options = defaults with
        {
            MaxDegreeOfParallelism = a.Threads,
            InitialCapacity = a.N,
            M = a.M ?? defaults.M,
            EfConstruction = a.EfConstruction ?? defaults.EfConstruction,
            ExactSearchThreshold = a.ExactThreshold ?? defaults.ExactSearchThreshold,
            LinkBatch = a.LinkBatch ?? defaults.LinkBatch,
        };
        var index = new HnswIndex(a.Dimensions, VectorMetric.Cosine, options);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        if (a.OneByOne)
        {
            UpsertOneByOne(index, ids, data, a.Dimensions, watch, output);
        }
        else
        {
            const int batch = 100_000;
            for (var from = 0; from < a.N; from += batch)
            {
                var count = Math.Min(batch, a.N - from);
                index.AddRange(ids[from..(from + count)], data.AsSpan(from * a.Dimensions, count * a.Dimensions));
                output.WriteLine(string.Create(s_inv, $"  inserted {from + count} in {watch.Elapsed.TotalSeconds:F1} s"));
            }
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        output.WriteLine(string.Create(s_inv,
            $"build: {watch.Elapsed.TotalSeconds:F1} s wall, {cpu.TotalSeconds:F1} s CPU ({a.N / watch.Elapsed.TotalSeconds:F0} vectors/s; the CPU figure is what a loaded machine cannot inflate)"));
        return index;
    }

    /// <summary>
    /// One upsert per vector, as a library grain adds its samples (each in a turn of its own): reports the upserts'
    /// latency (p50, p99, max), the time a writer spends waiting on the index, with linking batched by LinkBatch.
    /// </summary>
    private static void UpsertOneByOne(HnswIndex index, string[] ids, float[] data, int dimensions, Stopwatch watch, TextWriter output)
    {
        var latencies = new double[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            index.Upsert(ids[i], data.AsSpan(i * dimensions, dimensions));
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if ((i + 1) % 100_000 == 0)
            {
                output.WriteLine(string.Create(s_inv, $"  upserted {i + 1} in {watch.Elapsed.TotalSeconds:F1} s"));
            }
        }

        Array.Sort(latencies);
        output.WriteLine(string.Create(s_inv,
            $"upsert latency (link batch {index.Options.LinkBatch}): p50 {latencies[latencies.Length / 2]:F3} ms, p99 {latencies[(int)(latencies.Length * 0.99)]:F3} ms, max {latencies[^1]:F1} ms, mean {latencies.Average():F3} ms"));
    }

    private static HnswIndex LoadIndex(BenchArguments a, TextWriter output)
    {
        var watch = Stopwatch.StartNew();
        var index = HnswIndex.LoadMapped(a.Load!, a.Threads);
        output.WriteLine(string.Create(s_inv, $"loaded n={index.SlotCount} dim={index.Dimensions} from {a.Load} in {watch.Elapsed.TotalSeconds:F1} s (queries clustered={a.Clustered}; pass the --clustered the index was built with)"));
        if (index.Dimensions != a.Dimensions)
        {
            throw new ArgumentException($"The index has dimension {index.Dimensions}; pass --dim {index.Dimensions}.");
        }

        return index;
    }

    private static void ReportMemory(TextWriter output)
    {
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        output.WriteLine(string.Create(s_inv,
            $"memory: GC heap {managed / 1048576.0:F0} MiB (after a full collection), working set {process.WorkingSet64 / 1048576.0:F0} MiB, peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MiB (the peak includes the generated input vectors while building, the mapped file while loading)"));
    }
}
