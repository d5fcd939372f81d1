using System.Globalization;
using SampleMind.TestSupport;

namespace SampleMind.Ingest.Bench;

/// <summary>
/// The two end-to-end modes. Each run starts its hosts on empty data directories (and, for the
/// cluster, a fresh PostgreSQL schema), waits until they are ready, ingests the warm-up folder
/// (<c>--warmup</c> generated tones, untimed, skipped at 0), and only then starts the clock.
/// </summary>
internal static class IngestModes
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromMinutes(3);

    public static async Task<BenchRow> EmbeddedAsync(IngestBenchOptions options, int run, CancellationToken cancellationToken)
    {
        using var warmUp = WarmUpFolder.Create(options.WarmUpFiles);
        await using var host = await EmbeddedHost.StartAsync(Settings(options, warmUp), s_startTimeout);
        using var client = new IngestJobClient(host.Address, host.AdminKey);
        await client.WarmUpAsync(BenchMode.Embedded, run, warmUp, options, cancellationToken);
        return await client.MeasureAsync(BenchMode.Embedded, run, options, cancellationToken);
    }

    /// <summary>Two silos with every role, each with <c>Ingest:Concurrency</c> workers; the ingest is posted to silo 0.</summary>
    public static async Task<BenchRow> ClusterAsync(IngestBenchOptions options, int run, CancellationToken cancellationToken)
    {
        using var warmUp = WarmUpFolder.Create(options.WarmUpFiles);
        var clusterOptions = new ApiClusterOptions { Silos = 2, StartTimeout = s_startTimeout };
        foreach (var (key, value) in Settings(options, warmUp))
        {
            clusterOptions.Settings[key] = value;
        }

        await using var cluster = await ApiClusterProcesses.StartAsync(clusterOptions);
        using var client = new IngestJobClient(cluster.Silos[0].Address, cluster.AdminKey);
        await client.WarmUpAsync(BenchMode.Cluster, run, warmUp, options, cancellationToken);
        return await client.MeasureAsync(BenchMode.Cluster, run, options, cancellationToken);
    }

    private static Dictionary<string, string> Settings(IngestBenchOptions options, WarmUpFolder warmUp) => new()
    {
        ["Ingest:Roots:admin:0"] = options.Folder,
        ["Ingest:Roots:admin:1"] = warmUp.Path,
        ["Ingest:Concurrency"] = options.Concurrency.ToString(CultureInfo.InvariantCulture),
    };
}
