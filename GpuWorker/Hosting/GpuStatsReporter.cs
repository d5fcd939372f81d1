using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SampleMind.Grains.Abstractions.Compute;
using SampleMind.Runtime;
using SampleMind.Runtime.Hosting;
using SampleMind.Scheduling;

namespace SampleMind.GpuWorker.Hosting;

/// <summary>
/// On a silo with role "gpu", sends <see cref="GpuWorkerStats.Snapshot"/> to the cluster's
/// <see cref="IGpuStatsGrain"/> every <c>Compute:StatsInterval</c> (default 5 s), where the
/// dashboard reads every gpu silo's figures. A failed report is logged and the next one tried.
/// </summary>
internal sealed class GpuStatsReporter(
    IGrainFactory grains, GpuWorkerStats stats, IOptions<SiloOptions> silo, IOptions<ComputeOptions> options, TimeProvider time,
    ILogger<GpuStatsReporter> logger) : BackgroundService
{
    /// <summary>The configuration key of the report interval.</summary>
    public const string IntervalKey = "Compute:StatsInterval";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!silo.Value.EffectiveRoles.Contains(WorkRoles.Gpu))
        {
            return;
        }

        var interval = options.Value.StatsInterval;
        var grain = grains.GetGrain<IGpuStatsGrain>(GpuStats.ClusterKey);
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await grain.Report(stats.Snapshot(silo.Value.SiloId, time.GetUtcNow()));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    GpuWorkerLog.StatsReportFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
