namespace SampleMind.Dashboard.Tests.Fixture;

/// <summary>
/// Builds a deterministic 100-silo <see cref="DashboardSnapshot"/> for a tick: 90 cpu silos and
/// 10 gpu silos (one of them on CPU fallback), 20 grain types on every silo, 50 jobs, 30 sessions
/// and a full hour of history. The same tick and job states always give the same snapshot.
/// </summary>
internal static class SnapshotGenerator
{
    public const int CpuSiloCount = 90;
    public const int GpuSiloCount = 10;
    public const int SiloCount = CpuSiloCount + GpuSiloCount;
    public const int GrainTypeCount = 20;
    public const int JobCount = 50;
    public const int SessionCount = 30;
    public const int HistoryPoints = 360;

    /// <summary>The first snapshot's time; each tick adds one second.</summary>
    public static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeSeconds(1_795_300_000);

    private static readonly string[] s_grainTypes =
    [
        "LibraryGrain", "SampleGrain", "IngestJobGrain", "SessionGrain", "TenantGrain", "StemGrain",
        "VariationGrain", "FingerprintGrain", "EmbeddingGrain", "SearchShardGrain", "RecommendationGrain",
        "QuotaGrain", "WebhookGrain", "UploadGrain", "ExportGrain", "PresenceGrain", "TagGrain",
        "CollectionGrain", "AuditGrain", "UsageGrain",
    ];

    /// <summary>Pending items in the cpu queue at a tick (what the page must show).</summary>
    public static int CpuQueueDepth(int tick) => 700 + (tick * 137);

    public static DashboardSnapshot Build(int tick, IReadOnlyList<string> jobStates)
    {
        var random = new Random(1000 + tick);
        var now = Epoch.AddSeconds(tick);
        var silos = BuildSilos(random, now);
        var jobs = BuildJobs(jobStates);
        return new DashboardSnapshot(
            now, "cluster", silos, BuildMembership(now), BuildGrains(random, silos), BuildSlowest(random),
            BuildQueues(tick), BuildSetAside(), jobs, BuildTotals(jobs), BuildSessions(random),
            BuildGpu(random), BuildHistory(random, now, tick), []);
    }

    public static string JobId(int index) => $"job-{index + 1:00}";

    public static string SiloId(int index) =>
        index < CpuSiloCount ? $"silo-{index + 1:000}" : $"gpu-{index - CpuSiloCount + 1:00}";

    private static List<SiloInfo> BuildSilos(Random random, DateTimeOffset now)
    {
        var silos = new List<SiloInfo>(SiloCount);
        for (var i = 0; i < SiloCount; i++)
        {
            var gpu = i >= CpuSiloCount;
            var uptime = 3600.0 * (1 + (i % 48));
            var partitions = new Dictionary<string, int> { ["any"] = 11 + (i % 3), [gpu ? "gpu" : "cpu"] = gpu ? 102 : 12 + (i % 2) };
            var status = i == 7 ? "draining" : i == 42 ? "joining" : "active";
            silos.Add(new SiloInfo(
                SiloId(i), $"10.0.{i / 250}.{(i % 250) + 1}:11111", gpu ? ["gpu"] : ["cpu"], status,
                now.AddSeconds(-uptime), uptime, Math.Round(random.NextDouble() * 90, 1),
                Math.Round(300 + (random.NextDouble() * 900), 1), partitions, 0));
        }

        return silos;
    }

    /// <summary>Who declared silo-101 dead (the declared-dead change's detail).</summary>
    public const string DeathDeclaredBy = "by silo-003@1764800000000";

    /// <summary>How many membership changes the snapshot carries.</summary>
    public const int MembershipChangeCount = 5;

    private static List<MembershipChange> BuildMembership(DateTimeOffset now) =>
    [
        new(now.AddMinutes(-50), SiloId(99), "joined", "gpu at http://10.0.0.100:11111"),
        new(now.AddMinutes(-31), "silo-101", "declared-dead", DeathDeclaredBy),
        new(now.AddMinutes(-20), SiloId(3), "new-incarnation", "cpu at http://10.0.0.4:11111, after silo-004@1764790000000"),
        new(now.AddMinutes(-12), SiloId(7), "left", null),
        new(now.AddMinutes(-2), SiloId(42), "joined", "cpu at http://10.0.0.43:11111"),
    ];

    private static List<GrainStats> BuildGrains(Random random, List<SiloInfo> silos)
    {
        var grains = new List<GrainStats>(silos.Count * GrainTypeCount);
        for (var s = 0; s < silos.Count; s++)
        {
            var total = 0;
            for (var t = 0; t < GrainTypeCount; t++)
            {
                var activations = random.Next(10, 1500) / (t + 1);
                total += activations;
                grains.Add(new GrainStats(
                    s_grainTypes[t], silos[s].Id, activations, Math.Round(random.NextDouble() * 400 / (t + 1), 1),
                    Math.Round(0.1 + (random.NextDouble() * 0.5), 2), Math.Round(1 + (random.NextDouble() * 20), 1),
                    Math.Round(random.NextDouble() * 0.01, 4)));
            }

            silos[s] = silos[s] with { Activations = total };
        }

        return grains;
    }

    private static List<MethodStats> BuildSlowest(Random random)
    {
        var methods = new List<MethodStats>(10);
        for (var i = 0; i < 10; i++)
        {
            methods.Add(new MethodStats(s_grainTypes[i], i % 2 == 0 ? "GetStatus" : "Apply", Math.Round(80.0 / (i + 1), 1), random.Next(100, 100_000)));
        }

        return methods;
    }

    private static List<QueueStats> BuildQueues(int tick) =>
    [
        new("cpu", CpuQueueDepth(tick), 180, 12.5 + tick, 352.4),
        new("gpu", 40 + tick, 10, 3.5, 14.2),
    ];

    private static List<SetAsideItem> BuildSetAside()
    {
        var items = new List<SetAsideItem>(12);
        for (var i = 0; i < 12; i++)
        {
            items.Add(new SetAsideItem(JobId(i % 5), $"imports/batch-{i}/take-{i:000}.wav", i % 2 == 0 ? "not an audio file" : "decoder: unexpected end of stream", 1 + (i % 3)));
        }

        return items;
    }

    private static List<JobInfo> BuildJobs(IReadOnlyList<string> states)
    {
        var jobs = new List<JobInfo>(states.Count);
        for (var i = 0; i < states.Count; i++)
        {
            var listed = 1000 + (i * 250);
            // As the API counts: succeeded includes the duplicates, so succeeded + failed is what is done.
            var failed = i % 4;
            var succeeded = states[i] == "Completed" ? listed - failed : listed * (i + 1) / (states.Count + 1);
            var running = states[i] == "Running";
            jobs.Add(new JobInfo(
                JobId(i), $"tenant-{(i % 7) + 1}", $"library-{i + 1}", states[i], listed, succeeded, failed, 9 - failed,
                running ? 25.0 + i : 0, running ? (listed - succeeded - failed) / (25.0 + i) : null));
        }

        return jobs;
    }

    private static JobTotals BuildTotals(List<JobInfo> jobs) => new(
        jobs.Count(j => j.State == "Running"), jobs.Count(j => j.State == "Paused"), 0, jobs.Sum(j => (long)j.Failed));

    private static List<SessionInfo> BuildSessions(Random random)
    {
        var sessions = new List<SessionInfo>(SessionCount);
        for (var i = 0; i < SessionCount; i++)
        {
            sessions.Add(new SessionInfo($"session-{i + 1:00}", $"library-{(i % 12) + 1}", 1 + (i % 6), Math.Round(random.NextDouble() * 12, 1), 500 + (i * 97)));
        }

        return sessions;
    }

    private static List<GpuInfo> BuildGpu(Random random)
    {
        var gpus = new List<GpuInfo>(GpuSiloCount);
        for (var i = 0; i < GpuSiloCount; i++)
        {
            var fallback = i == GpuSiloCount - 1;
            gpus.Add(new GpuInfo(
                SiloId(CpuSiloCount + i), fallback ? "CPU" : "NVIDIA H100 80GB", fallback,
                fallback ? 0 : Math.Round(0.5 + (random.NextDouble() * 0.5), 3), fallback ? 1 : 8,
                i % 2 == 0 ? "stems-4" : "variations-v2", Math.Round(fallback ? 0.8 : 6 + (random.NextDouble() * 4), 1)));
        }

        return gpus;
    }

    private static HistoryInfo BuildHistory(Random random, DateTimeOffset now, int tick)
    {
        var calls = new List<double[]>(HistoryPoints);
        var p99 = new List<double[]>(HistoryPoints);
        var depth = new List<double[]>(HistoryPoints);
        var end = now.ToUnixTimeSeconds();
        for (var i = 0; i < HistoryPoints; i++)
        {
            double t = end - ((HistoryPoints - 1 - i) * 10);
            var wave = Math.Sin(i / 30.0);
            calls.Add([t, Math.Round(30_000 + (8_000 * wave) + (random.NextDouble() * 2_000), 1)]);
            p99.Add([t, Math.Round(8 + (4 * Math.Cos(i / 20.0)) + random.NextDouble(), 2)]);
            depth.Add([t, i == HistoryPoints - 1 ? CpuQueueDepth(tick) + 40 + tick : Math.Round(600 + (300 * wave))]);
        }

        return new HistoryInfo(calls, p99, depth);
    }
}
