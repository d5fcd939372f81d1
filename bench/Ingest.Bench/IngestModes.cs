using System.Globalization;
using SampleMind.TestSupport;

namespace SampleMind.Ingest.Bench;

/// <summary>
/// The two end-to-end modes. Each run starts its hosts on empty data directories (and, for the
/// cluster, a fresh PostgreSQL schema), waits until they are ready, ingests the warm-up folder
/// (<c>--warmup</c> generated tones, untimed, skipped at 0) as <see cref="WarmUpJobsPerHost"/> jobs per
/// host, each into a library of its own and posted to the hosts in turn, and only then starts the clock.
/// Several jobs, because a job's grains (the job, its library) live on one silo each, placed by key:
/// with one warm-up job, the silo that gets the timed job's grains may compile their code during the
/// timed job (0.4 CPU-s of JIT in a 2-silo run, the API host running without tiered compilation).
/// </summary>
internal static class IngestModes
{
    /// <summary>Warm-up jobs per host.</summary>
    public const int WarmUpJobsPerHost = 2;

    private static readonly TimeSpan s_startTimeout = TimeSpan.FromMinutes(3);

    public static async Task<BenchRow> EmbeddedAsync(IngestBenchOptions options, int run, CancellationToken cancellationToken)
    {
        using var warmUp = WarmUpFolder.Create(options.WarmUpFiles);
        await using var host = await EmbeddedHost.StartAsync(Settings(options, warmUp), s_startTimeout);
        using var client = new IngestJobClient(host.Address, host.AdminKey);
        await WarmUpInTurnAsync([client], BenchMode.Embedded, run, warmUp, options, cancellationToken);
        return await client.MeasureAsync(BenchMode.Embedded, run, options, cancellationToken);
    }

    /// <summary><c>--silos</c> silos (2) with every role, each with <c>Ingest:Concurrency</c> workers; the ingest is posted to silo 0.</summary>
    public static async Task<BenchRow> ClusterAsync(IngestBenchOptions options, int run, CancellationToken cancellationToken)
    {
        using var warmUp = WarmUpFolder.Create(options.WarmUpFiles);
        var clusterOptions = new ApiClusterOptions { Silos = options.Silos, StartTimeout = s_startTimeout };
        foreach (var (key, value) in Settings(options, warmUp))
        {
            clusterOptions.Settings[key] = value;
        }

        await using var cluster = await ApiClusterProcesses.StartAsync(clusterOptions);
        var clients = cluster.Silos.Select(s => new IngestJobClient(s.Address, cluster.AdminKey)).ToList();
        try
        {
            await WarmUpInTurnAsync(clients, BenchMode.Cluster, run, warmUp, options, cancellationToken);
            return await clients[0].MeasureAsync(BenchMode.Cluster, run, options, cancellationToken);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    /// <summary><see cref="WarmUpJobsPerHost"/> warm-up jobs per host, posted to the hosts in turn.</summary>
    private static async Task WarmUpInTurnAsync(
        IReadOnlyList<IngestJobClient> clients, BenchMode mode, int run, WarmUpFolder warmUp, IngestBenchOptions options, CancellationToken cancellationToken)
    {
        for (var job = 0; job < WarmUpJobsPerHost * clients.Count; job++)
        {
            await clients[job % clients.Count].WarmUpAsync(mode, run, job, warmUp, options, cancellationToken);
        }
    }

    private static Dictionary<string, string> Settings(IngestBenchOptions options, WarmUpFolder warmUp)
    {
        var settings = new Dictionary<string, string>
        {
            ["Ingest:Roots:admin:0"] = options.Folder,
            ["Ingest:Roots:admin:1"] = warmUp.Path,
        };
        if (options.HostConcurrency is { } slots)
        {
            settings["Ingest:Concurrency"] = slots.ToString(CultureInfo.InvariantCulture);
        }

        return settings;
    }
}
