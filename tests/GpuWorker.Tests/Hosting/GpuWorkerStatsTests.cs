using System.Diagnostics;
using Microsoft.Extensions.Options;
using SampleMind.GpuWorker.Hosting;
using SampleMind.GpuWorker.Inference;
using SampleMind.GpuWorker.Separation;
using SampleMind.GpuWorker.Tests.Support;

namespace SampleMind.GpuWorker.Tests.Hosting;

public sealed class GpuWorkerStatsTests
{
    [Fact]
    public async Task A_snapshot_reports_the_segments_and_busy_share_of_its_interval_then_idles()
    {
        var (separator, registry) = Separators.Create(modelsDirectory: null, new SeparationOptions { DspSegmentSeconds = 1, DspOverlapSeconds = 0.25 });
        using var _ = registry;
        var stats = new GpuWorkerStats(Options.Create(new OnnxRuntimeOptions()), separator);
        var audio = new[] { Enumerable.Range(0, 22050 * 5).Select(i => (float)Math.Sin(i * 0.05) * (i % 5000 < 20 ? 1f : 0.2f)).ToArray() };
        var watch = Stopwatch.StartNew();

        var result = await separator.SeparateAsync(audio, 22050);
        stats.Record(result.Method, result.StemNames.Count);
        var busy = stats.Snapshot("gpu-1", DateTimeOffset.UtcNow);
        var idle = stats.Snapshot("gpu-1", DateTimeOffset.UtcNow);

        Assert.Equal("cpu", busy.Device);
        Assert.True(busy.CpuFallback);
        Assert.Equal(SeparationMethods.DspHpss, busy.Method);
        Assert.Equal(1, busy.Requests);
        Assert.Equal(7, busy.Segments);
        Assert.Equal(1.0, busy.AverageBatchSize);
        Assert.InRange(busy.BusySeconds, 1e-6, watch.Elapsed.TotalSeconds);
        Assert.InRange(busy.Utilisation, 1e-6, 1);
        Assert.Equal(0, idle.Utilisation);
        Assert.Equal(0, idle.AverageBatchSize);
        Assert.Equal(busy.Segments, idle.Segments);
    }

    [Fact]
    public void Items_per_second_are_the_outputs_of_the_interval_and_0_when_it_had_none()
    {
        var (separator, registry) = Separators.Create(modelsDirectory: null, new SeparationOptions());
        using var _ = registry;
        var watch = Stopwatch.StartNew();
        var stats = new GpuWorkerStats(Options.Create(new OnnxRuntimeOptions()), separator);

        stats.Record(SeparationMethods.DspHpss, 4);
        stats.Record(SeparationMethods.DspHpss, 2);
        var busy = stats.Snapshot("gpu-1", DateTimeOffset.UtcNow);
        var window = watch.Elapsed;
        var idle = stats.Snapshot("gpu-1", DateTimeOffset.UtcNow);

        // 6 outputs over an interval no longer than the watch's: at least 6 / its seconds. Before, the last request's
        // rate was sent every interval for as long as the silo stayed idle.
        Assert.InRange(busy.ItemsPerSecond, 6 / window.TotalSeconds, double.MaxValue);
        Assert.Equal(0, idle.ItemsPerSecond);
        Assert.Equal(2, idle.Requests);
    }

    [Fact]
    public void Overlapping_runs_count_their_busy_time_once()
    {
        var meter = new SeparationMeter();
        var watch = Stopwatch.StartNew();
        using var first = meter.Run(segments: 3, requests: 2);
        using var second = meter.Run(segments: 5, requests: 1);
        Spin(TimeSpan.FromMilliseconds(20));
        first.Dispose();
        second.Dispose();
        second.Dispose();
        var elapsed = watch.Elapsed;

        var totals = meter.Read();

        Assert.Equal(2, totals.Batches);
        Assert.Equal(8, totals.Segments);
        Assert.Equal(5, totals.LargestBatch);
        Assert.Equal(2, totals.MostRequestsInBatch);
        Assert.InRange(totals.Busy, TimeSpan.FromMilliseconds(20), elapsed);
        Assert.Equal(totals, meter.Read());
    }

    /// <summary>Waits on the clock without sleeping a thread away from the measurement.</summary>
    private static void Spin(TimeSpan span)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < span)
        {
            Thread.SpinWait(100);
        }
    }
}
