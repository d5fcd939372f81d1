using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SampleMind.Grains.Catalog;
using SampleMind.Grains.Ingest;
using SampleMind.Runtime.Hosting;
using SampleMind.Scheduling;
using SampleMind.Scheduling.Processing;

namespace SampleMind.Grains.Hosting;

/// <summary>
/// Runs this silo's work processor: claims the items of every registered handler whose role is one
/// of this silo's roles (embedded mode: all) and hands them over. Its worker id is stable per data
/// directory in embedded mode, so a restarted process takes back the leases its killed predecessor
/// held instead of waiting for them to expire; in cluster mode it is the silo's id (several worker
/// processes share the queue). Leases last <c>WorkQueue:DefaultLease</c> and are renewed every third of it.
/// </summary>
internal sealed class WorkerService(
    IWorkQueue queue,
    ICatalogStore catalog,
    IEnumerable<WorkHandlerRegistration> registrations,
    IServiceProvider services,
    IOptions<IngestOptions> options,
    IOptions<SiloOptions> silo,
    IOptions<WorkQueueOptions> queueOptions,
    WorkerIdentity identity,
    SiloStorageLayout layout,
    TimeProvider time,
    ILogger<WorkProcessor> logger) : BackgroundService
{
    /// <summary>SQLITE_CORRUPT: the database disk image is malformed.</summary>
    private const int SqliteCorrupt = 11;

    /// <summary>SQLITE_NOTADB: the file is not a database.</summary>
    private const int SqliteNotADatabase = 26;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(queue.EnsureSchemaAsync, layout.WorkQueueFileSetting, layout.WorkQueueConnectionString, cancellationToken);
        await EnsureSchemaAsync(catalog.EnsureSchemaAsync, layout.CatalogFileSetting, layout.CatalogConnectionString, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>
    /// Creates a store's schema; a damaged SQLite file that <paramref name="setting"/> names stops the start naming the
    /// file and the setting, where it was said to be one of the data directory's files. The data directory's own files
    /// are said as those (the host's start failure).
    /// </summary>
    private static async Task EnsureSchemaAsync(Func<CancellationToken, Task> ensure, string? setting, string connection, CancellationToken cancellationToken)
    {
        try
        {
            await ensure(cancellationToken);
        }
        catch (SqliteException e) when (setting is not null && e.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase)
        {
            throw new InvalidOperationException(
                $"{setting} names a damaged database file, '{SiloStorageLayout.SqliteFile(connection, setting)}': restore it from a backup, " +
                "or move it away to start without what it held.", e);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var roles = silo.Value.EffectiveRoles;
        var active = registrations.Where(r => roles.Contains(r.Role)).ToList();
        if (active.Count == 0)
        {
            return Task.CompletedTask;
        }

        var handlers = active.ToDictionary(r => r.Kind, r => r.Create(services));
        var processorOptions = new WorkProcessorOptions
        {
            WorkerId = identity.WorkerId,
            Roles = [.. active.Select(r => r.Role).Distinct()],
            Concurrency = options.Value.Concurrency,
            // As many claimed ahead as in hand: a claim (one queue transaction, which also records the files finished
            // since the last one) comes about once per Concurrency files instead of once per analysis slot.
            Prefetch = options.Value.Concurrency,
            LeaseDuration = queueOptions.Value.DefaultLease,
        };
        return new WorkProcessor(queue, handlers, processorOptions, time, logger).RunAsync(stoppingToken);
    }
}
