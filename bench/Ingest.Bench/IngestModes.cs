using System.Globalization;
using SampleMind.TestSupport;

namespace SampleMind.Ingest.Bench;

/// <summary>
/// The two end-to-end modes. Each run starts its hosts on empty data directories (and, for the
/// cluster, a fresh PostgreSQL schema), waits until they are ready, and only then starts the clock.
/// </summary>
internal static class IngestModes
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromMinutes(3);

    public static async Task<BenchRow> EmbeddedAsync(IngestBenchOptions options, int run, CancellationToken cancellationToken)
    {
        await using var host = await EmbeddedHost.StartAsync(Settings(options), s_startTimeout);
        using var client = new IngestJobClient(host.Address, host.AdminKey);
        return await client.MeasureAsync(BenchMode.Embedded, run, options, cancellationToken);
    }

    /// <summary>Two silos with every role, each with <c>Ingest:Concurrency</c> workers; the ingest is posted to silo 0.</summary>
    public static async Task<BenchRow> ClusterAsync(IngestBenchOptions options, int run, CancellationToken cancellationToken)
    {
        var clusterOptions = new ApiClusterOptions { Silos = 2, StartTimeout = s_startTimeout };
        foreach (var (key, value) in Settings(options))
        {
            clusterOptions.Settings[key] = value;
        }

        await using var cluster = await ApiClusterProcesses.StartAsync(clusterOptions);
        using var client = new IngestJobClient(cluster.Silos[0].Address, cluster.AdminKey);
        return await client.MeasureAsync(BenchMode.Cluster, run, options, cancellationToken);
    }

    private static Dictionary<string, string> Settings(IngestBenchOptions options) => new()
    {
        ["Ingest:Roots:admin:0"] = options.Folder,
        ["Ingest:Concurrency"] = options.Concurrency.ToString(CultureInfo.InvariantCulture),
    };
}
