using Microsoft.Extensions.Logging;
using SampleMind.Api.Dashboard;
using SampleMind.Api.Metrics;
using SampleMind.Scheduling;
using SampleMind.Scheduling.Sqlite;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Hosting;

/// <summary>
/// The dashboard's history samples the queue every 10 s as a background service; a background service that throws
/// stops the host, so a sample that fails (the queue's database down) must not end it.
/// </summary>
public sealed class DashboardHistoryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("samplemind-history-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_failing_sample_is_logged_once_and_the_sampling_goes_on_until_the_queue_answers_again()
    {
        // A queue whose database cannot be opened (a file stands where its folder goes): every read of its depth
        // fails, as when its database is down.
        var blocker = Path.Combine(_dir, "queue");
        await File.WriteAllTextAsync(blocker, "not a folder");
        var queue = new SqliteWorkQueue(new WorkQueueOptions { ConnectionString = Path.Combine(blocker, "work.db") });
        var time = new ManualTimeProvider();
        var log = new ListLogger();
        using var metrics = new MetricsCollector();
        var history = new DashboardHistory(metrics, queue, time, log);

        await history.StartAsync(CancellationToken.None);
        await Eventually.HoldsAsync(() => log.Count(LogLevel.Warning) == 1, TimeSpan.FromSeconds(30), "the first failed sample's warning");
        for (var tick = 0; tick < 3; tick++)
        {
            time.Advance(DashboardHistory.Interval);
        }

        Assert.False(history.ExecuteTask!.IsCompleted);
        Assert.Empty(history.Snapshot().QueueDepth);

        File.Delete(blocker);
        time.Advance(DashboardHistory.Interval);
        await Eventually.HoldsAsync(() => history.Snapshot().QueueDepth.Count == 1, TimeSpan.FromSeconds(30), "a sample once the queue answers");
        await Eventually.HoldsAsync(() => log.Count(LogLevel.Information) == 1, TimeSpan.FromSeconds(30), "the recovery's line");

        await history.StopAsync(CancellationToken.None);
        Assert.Equal(1, log.Count(LogLevel.Warning));
        Assert.False(history.ExecuteTask.IsFaulted);
    }

    private sealed class ListLogger : ILogger<DashboardHistory>
    {
        private readonly List<LogLevel> _levels = [];

        public int Count(LogLevel level)
        {
            lock (_levels)
            {
                return _levels.Count(l => l == level);
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_levels)
            {
                _levels.Add(logLevel);
            }
        }
    }
}
