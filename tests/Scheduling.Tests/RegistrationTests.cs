using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SampleMind.Scheduling.Postgres;
using SampleMind.Scheduling.Sqlite;

namespace SampleMind.Scheduling.Tests;

public sealed class RegistrationTests
{
    [Fact]
    public async Task AddSqliteWorkQueue_registers_a_working_sqlite_queue_with_its_settings()
    {
        var directory = Path.Combine(Path.GetTempPath(), "samplemind-di-" + Guid.NewGuid().ToString("N"));
        var services = new ServiceCollection().AddSqliteWorkQueue(Path.Combine(directory, "work.db"), o => o.MaxAttempts = 7);
        try
        {
            await using (var provider = services.BuildServiceProvider())
            {
                var queue = provider.GetRequiredService<IWorkQueue>();

                Assert.IsType<SqliteWorkQueue>(queue);
                Assert.Equal(7, ((SqliteWorkQueue)queue).Options.MaxAttempts);
                Assert.True(await queue.RegisterJobAsync(new WorkJob("job", "tenant", 3, "ingest")));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task AddWorkQueue_selects_postgres_by_provider_name()
    {
        var services = new ServiceCollection().AddWorkQueue(builder => builder.Configure(o =>
        {
            o.Provider = WorkQueueOptions.PostgresProvider;
            o.ConnectionString = "Host=127.0.0.1;Port=1;Database=none";
        }));
        await using var provider = services.BuildServiceProvider();

        Assert.IsType<PostgresWorkQueue>(provider.GetRequiredService<IWorkQueue>());
    }

    [Fact]
    public async Task Invalid_settings_are_rejected_with_every_reason()
    {
        var services = new ServiceCollection().AddWorkQueue(builder => builder.Configure(o =>
        {
            o.Provider = "mysql";
            o.MaxAttempts = 0;
            o.DefaultLease = TimeSpan.Zero;
        }));
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<WorkQueueOptions>>().Value);

        Assert.Equal(3, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.Contains("mysql", StringComparison.Ordinal));
    }

    [Fact]
    public void A_retry_backoff_longer_than_its_cap_is_rejected()
    {
        var options = new WorkQueueOptions { RetryBackoff = TimeSpan.FromMinutes(10), MaxRetryBackoff = TimeSpan.FromMinutes(1) };

        var result = new WorkQueueOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Throws<ArgumentException>(() => new SqliteWorkQueue(options));
    }
}
