using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SampleMind.Api.Errors;
using SampleMind.Api.Metrics;
using SampleMind.Grains.Abstractions.Compute;
using SampleMind.Grains.Abstractions.Ingest;
using SampleMind.Grains.Abstractions.Sessions;
using SampleMind.Grains.Ingest;
using Microsoft.Extensions.Options;
using SampleMind.Runtime;
using SampleMind.Runtime.Cluster;
using SampleMind.Runtime.Diagnostics;
using SampleMind.Scheduling;

namespace SampleMind.Api.Dashboard;

/// <summary>Assembles a <see cref="DashboardSnapshot"/> from the runtime, the metrics, the work queue and the jobs.</summary>
internal sealed class DashboardSnapshotBuilder(
    IClusterDiagnostics cluster,
    MetricsCollector metrics,
    IWorkQueue queue,
    IGrainFactory grains,
    DashboardHistory history,
    ProcessUsage usage,
    TimeProvider time,
    IOptions<ClusterOptions> clusterOptions,
    IServer? server = null)
{
    /// <summary>Running or paused jobs listed at most (the newest); the snapshot counts the others.</summary>
    internal const int ActiveJobsListed = 200;

    /// <summary>Ended jobs listed (the newest).</summary>
    internal const int EndedJobsListed = 50;

    /// <summary>How old an index entry whose job has no state is when the snapshot forgets it.</summary>
    internal static readonly TimeSpan OrphanAfter = TimeSpan.FromMinutes(1);

    private readonly RateTracker _rates = new(time);

    /// <summary>Each part's last reading that succeeded, served while a read of it fails (see <see cref="ReadAsync{T}"/>).</summary>
    private readonly ConcurrentDictionary<string, object> _lastReadings = new(StringComparer.Ordinal);

    public async Task<DashboardSnapshot> BuildAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var local = cluster.GetLocalSilo();
        var figures = await cluster.GetFiguresAsync(cancellationToken);
        var silos = cluster.GetSilos().Select(s => SiloRow(s, s.SiloId == local.SiloId, figures, now)).ToList();
        var changes = figures.Events.Select(e => new MembershipChangeView(e.Time, e.SiloId, e.Kind, e.Detail)).ToList();

        var grainViews = GrainViews(local);
        var stale = new List<string>();
        var queues = await ReadAsync("queues", () => QueueViewsAsync(cancellationToken), stale);
        var (jobViews, setAside, jobTotals) = await ReadAsync("jobs", JobViewsAsync, stale);
        var sessions = await ReadAsync("sessions", SessionViewsAsync, stale);
        var gpu = await ReadAsync("gpu", GpuViewsAsync, stale);
        var mode = clusterOptions.Value.IsCluster ? "cluster" : "embedded";
        return new DashboardSnapshot(now, mode, silos, changes, grainViews, SlowestMethods(), queues, setAside, jobViews, jobTotals,
            sessions, gpu, history.Snapshot(), stale);
    }

    /// <summary>
    /// One part of the snapshot. A read the cluster cannot serve just then (the database away, the grain's silo
    /// unreachable) serves the part's last reading (empty before the first) and names the part in
    /// <paramref name="stale"/>, so the rest of the snapshot is still shown.
    /// </summary>
    private async Task<T> ReadAsync<T>(string part, Func<Task<T>> read, List<string> stale)
        where T : notnull
    {
        try
        {
            var reading = await read();
            _lastReadings[part] = reading;
            return reading;
        }
        catch (Exception e) when (ProblemExceptionHandler.Unavailable(e))
        {
            stale.Add(part);
            return _lastReadings.TryGetValue(part, out var last) ? (T)last : (T)Empty(part);
        }
    }

    /// <summary>A part's reading before any read of it succeeded.</summary>
    private static object Empty(string part) => part switch
    {
        "queues" => new List<QueueView>(),
        "jobs" => (new List<JobView>(), new List<SetAsideView>(), new JobTotalsView(0, 0, 0, 0)),
        "sessions" => new List<SessionView>(),
        _ => new List<GpuView>(),
    };

    private async Task<List<QueueView>> QueueViewsAsync(CancellationToken cancellationToken) =>
        [.. (await queue.GetDepthsAsync(cancellationToken)).Select(d => new QueueView(d.Role, d.Pending, d.Leased, d.OldestPendingAge.TotalSeconds,
            _rates.Rate("queue:" + d.Role, metrics.Total("samplemind.work.claimed", "role", d.Role))))];

    /// <summary>
    /// Every running or paused job (up to <see cref="ActiveJobsListed"/>), then the newest <see cref="EndedJobsListed"/>
    /// ended ones, each newest first and as its grain reports it now, with totals over every job the index remembers. A job whose
    /// state or failures the index noted differently (an entry written before it kept them, a note lost to a crash)
    /// is noted again.
    /// </summary>
    private async Task<(List<JobView> Jobs, List<SetAsideView> SetAside, JobTotalsView Totals)> JobViewsAsync()
    {
        var index = grains.GetGrain<IJobIndexGrain>(JobIndexGrain.AllKey);
        var view = await index.View(ActiveJobsListed, EndedJobsListed);
        var statuses = await Task.WhenAll(view.Listed.Select(j => grains.GetGrain<IIngestJobGrain>(j.JobId).GetStatus()));
        // Active jobs first, then ended ones, each newest first: the index lists them by time alone, so a paused job
        // older than the newest 50 ended ones came after all of them.
        List<JobView> jobs = [], endedJobs = [];
        List<SetAsideView> setAside = [], endedSetAside = [];
        int running = view.RunningNotListed, paused = view.PausedNotListed;
        var failed = view.FailedNotListed;
        for (var i = 0; i < statuses.Length; i++)
        {
            if (statuses[i] is not { } s)
            {
                // A job with no state: a start that stopped between the index's entry and the job's first write. A minute
                // on (a start takes milliseconds) it will not come, and its entry would read as running for good.
                if (time.GetUtcNow() - view.Listed[i].CreatedAt > OrphanAfter)
                {
                    await index.Forget(view.Listed[i].JobId);
                }

                continue;
            }

            var noted = view.Listed[i];
            var active = s.State is JobState.Running or JobState.Paused;
            if (noted.State != s.State || (!active && noted.Failed != s.Failed))
            {
                await index.Note(s.JobId, s.State, s.Failed);
            }

            running += s.State == JobState.Running ? 1 : 0;
            paused += s.State == JobState.Paused ? 1 : 0;
            failed += s.Failed;
            (active ? jobs : endedJobs).Add(new JobView(s.JobId, s.TenantId, s.LibraryId, s.State.ToString(), s.Listed, s.Succeeded,
                s.Failed, s.Duplicates, s.FilesPerSecond, s.EtaSeconds));
            (active ? setAside : endedSetAside).AddRange(s.RecentFailures.Take(5).Select(f => new SetAsideView(s.JobId, f.Path, f.Reason, f.Attempts)));
        }

        jobs.AddRange(endedJobs);
        setAside.AddRange(endedSetAside);
        return (jobs, setAside, new JobTotalsView(running, paused, view.RunningNotListed + view.PausedNotListed, failed));
    }

    /// <summary>
    /// A silo's row: this silo's CPU and memory measured now, every other silo's as it published them
    /// with its last heartbeat (cluster mode), and the partitions each holds per ring.
    /// </summary>
    private SiloView SiloRow(SiloSnapshot silo, bool isLocal, ClusterFigures figures, DateTimeOffset now)
    {
        figures.Silos.TryGetValue(silo.SiloId, out var published);
        var (cpu, memory) = isLocal
            ? usage.Read()
            : (published?.CpuPercent ?? 0, (published?.WorkingSetBytes ?? 0) / (1024.0 * 1024.0));
        var address = published?.Address ?? (isLocal ? Address() : "");
        return new SiloView(silo.SiloId, address, silo.Roles, StatusName(silo.Status), silo.StartedAt ?? now,
            silo.StartedAt is { } started ? (now - started).TotalSeconds : 0, cpu, memory,
            published?.Partitions ?? new Dictionary<string, int>(), silo.TotalActivations);
    }

    /// <summary>Every live session of the cluster (see <see cref="ILiveSessionsGrain"/>).</summary>
    private async Task<List<SessionView>> SessionViewsAsync() =>
        [.. (await grains.GetGrain<ILiveSessionsGrain>(LiveSessions.ClusterKey).GetAll()).Select(s => new SessionView(
            s.Report.SessionId, s.Report.LibraryId, s.Report.Participants, s.OpsPerSecond, s.Report.Revision))];

    /// <summary>Every gpu silo's latest report (see <see cref="IGpuStatsGrain"/>).</summary>
    private async Task<List<GpuView>> GpuViewsAsync() =>
        [.. (await grains.GetGrain<IGpuStatsGrain>(GpuStats.ClusterKey).GetAll()).Select(g => new GpuView(
            g.SiloId, g.Device, g.CpuFallback, g.Utilisation, (int)Math.Round(g.AverageBatchSize), g.Method ?? "", g.ItemsPerSecond))];

    private List<GrainTypeView> GrainViews(SiloSnapshot local)
    {
        var views = new List<GrainTypeView>();
        foreach (var (grainType, activations) in local.ActivationsByGrainType.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var calls = metrics.Total(RuntimeInstruments.Calls, RuntimeInstruments.GrainTypeTag, grainType);
            var failures = metrics.Total(RuntimeInstruments.Failures, RuntimeInstruments.GrainTypeTag, grainType);
            var latency = metrics.Histograms.Where(h => h.Key.Instrument == RuntimeInstruments.CallDuration
                && h.Key.Tag(RuntimeInstruments.GrainTypeTag) == grainType).Select(h => h.Value).ToList();
            views.Add(new GrainTypeView(grainType, local.SiloId, activations, _rates.Rate("calls:" + grainType, calls),
                latency.Count == 0 ? 0 : latency.Max(h => h.Percentile(0.5)),
                latency.Count == 0 ? 0 : latency.Max(h => h.Percentile(0.99)),
                calls == 0 ? 0 : failures / calls));
        }

        return views;
    }

    private List<SlowMethodView> SlowestMethods() =>
        [.. metrics.Histograms.Where(h => h.Key.Instrument == RuntimeInstruments.CallDuration)
            .Select(h => new SlowMethodView(h.Key.Tag(RuntimeInstruments.GrainTypeTag) ?? "", h.Key.Tag(RuntimeInstruments.MethodTag) ?? "",
                h.Value.Percentile(0.99), h.Value.Count))
            .OrderByDescending(m => m.P99Ms).Take(10)];

    /// <summary>The contract's silo states: joining, active, draining, dead.</summary>
    internal static string StatusName(SiloStatus status) => status switch
    {
        SiloStatus.Created or SiloStatus.Joining => "joining",
        SiloStatus.Running => "active",
        SiloStatus.Draining or SiloStatus.Stopping => "draining",
        _ => "dead",
    };

    private string Address() =>
        server?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "in-process";
}
