using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using SampleMind.Api.Dashboard;
using SampleMind.Api.Metrics;
using SampleMind.Scheduling;
using SampleMind.Scheduling.Sqlite;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Metrics;

/// <summary>
/// The dashboard's p99 chart is of each 10 s: it falls back once the slow calls stop, where the percentile of the latest
/// 1,024 calls stayed at a busy moment's value for as long as the cluster stayed idle. Alone, as the grain-call
/// histogram is process-wide.
/// </summary>
[Collection(SerialMetricsCollection.Name)]
public sealed class DashboardHistoryP99Tests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("samplemind-p99-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Each_point_is_the_p99_of_its_own_window_and_0_without_calls()
    {
        using var metrics = new MetricsCollector();
        var queue = new SqliteWorkQueue(new WorkQueueOptions { ConnectionString = Path.Combine(_dir, "work.db") });
        var history = new DashboardHistory(metrics, queue, new ManualTimeProvider(), NullLogger<DashboardHistory>.Instance);
        using var meter = new Meter("SampleMind.Tests.P99");
        var calls = meter.CreateHistogram<double>(RuntimeInstruments.CallDuration, "ms");
        await history.SampleAsync(CancellationToken.None); // whatever came before this test

        for (var i = 0; i < 100; i++)
        {
            calls.Record(i < 98 ? 0.2 : 400);
        }

        await history.SampleAsync(CancellationToken.None);
        for (var i = 0; i < 100; i++)
        {
            calls.Record(0.2);
        }

        await history.SampleAsync(CancellationToken.None);
        await history.SampleAsync(CancellationToken.None);

        var p99 = history.Snapshot().P99Ms.Select(point => point[1]).ToArray();
        Assert.Equal([500.0, 0.25, 0.0], p99[1..]); // 400 ms falls in the 500 ms bucket, 0.2 ms in the 0.25 ms one
    }

    [Fact]
    public async Task The_first_point_has_no_p99_as_it_has_no_calls_per_second()
    {
        using var metrics = new MetricsCollector();
        var queue = new SqliteWorkQueue(new WorkQueueOptions { ConnectionString = Path.Combine(_dir, "work.db") });
        var history = new DashboardHistory(metrics, queue, new ManualTimeProvider(), NullLogger<DashboardHistory>.Instance);
        using var meter = new Meter("SampleMind.Tests.P99First");
        var calls = meter.CreateHistogram<double>(RuntimeInstruments.CallDuration, "ms");
        for (var i = 0; i < 100; i++)
        {
            calls.Record(400);
        }

        await history.SampleAsync(CancellationToken.None);

        // Before, 500 ms: the p99 of every call since start, beside a rate of 0 for want of a baseline.
        var snapshot = history.Snapshot();
        Assert.Equal(0.0, Assert.Single(snapshot.CallsPerSecond)[1]);
        Assert.Equal(0.0, Assert.Single(snapshot.P99Ms)[1]);
    }
}
