using System.Data.Common;
using Microsoft.Extensions.Logging;
using SampleMind.Scheduling.Diagnostics;

namespace SampleMind.Scheduling.Storage;

/// <summary>
/// The queue logic shared by <see cref="Sqlite.SqliteWorkQueue"/> and <see cref="Postgres.PostgresWorkQueue"/>:
/// one set of SQL statements, so that both have identical semantics. Providers supply connections,
/// transactions, row-locking clauses, bulk insert and schema.
/// </summary>
/// <remarks>
/// Lock order inside every write transaction: job row, then item rows, then lane rows (in
/// <see cref="LaneKey"/> order), then tally rows (by name). Claims lock items with SKIP LOCKED and
/// never wait on them, so claims, completions and cancellations cannot form a wait cycle.
/// </remarks>
public abstract partial class SqlWorkQueue : IWorkQueue, IAsyncDisposable
{
    private const int MaxTransientRetries = 5;

    private readonly WorkQueueOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile bool _schemaReady;

    private protected SqlWorkQueue(WorkQueueOptions options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        var validation = new WorkQueueOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new ArgumentException(validation.FailureMessage, nameof(options));
        }

        _options = options;
        _time = timeProvider;
        _logger = logger;
    }

    /// <summary>The options in effect.</summary>
    public WorkQueueOptions Options => _options;

    private readonly WorkSignal _arrivals = new();
    private int _arrivalsWatched;
    private int _disposed;

    /// <inheritdoc />
    public WorkSignal Arrivals
    {
        get
        {
            if (Interlocked.Exchange(ref _arrivalsWatched, 1) == 0)
            {
                WatchArrivals();
            }

            return _arrivals;
        }
    }

    /// <inheritdoc />
    public WorkSignal Outcomes { get; } = new();

    /// <summary>The logger, for providers.</summary>
    private protected ILogger Logger => _logger;

    /// <summary>The clock, for providers.</summary>
    private protected TimeProvider Time => _time;

    /// <summary>
    /// Called once, when a worker first waits on <see cref="Arrivals"/>: a provider shared by several processes starts
    /// hearing the other processes' arrivals here (PostgreSQL: LISTEN), pulsing <see cref="Arrivals"/> for each.
    /// </summary>
    private protected virtual void WatchArrivals()
    {
    }

    /// <summary>
    /// Tells this process's idle workers, and (provider permitting) other processes', that work became claimable.
    /// Best effort: a lost announcement only means the other processes' workers find the work at their next poll.
    /// </summary>
    private protected async Task AnnounceArrivalAsync()
    {
        _arrivals.Pulse();
        try
        {
            await AnnounceToOtherProcessesAsync();
        }
        catch (Exception ex) when (ex is DbException or IOException or TimeoutException)
        {
            SchedulingLog.ArrivalsListenFailed(_logger, ex, ProviderName);
        }
    }

    /// <summary>Announces an arrival to the other processes sharing this queue (PostgreSQL: NOTIFY); nothing by default.</summary>
    private protected virtual Task AnnounceToOtherProcessesAsync() => Task.CompletedTask;

    /// <summary>"sqlite" or "postgres".</summary>
    private protected abstract string ProviderName { get; }

    /// <summary>Row lock taken when reading an item or job to change it (" FOR UPDATE" or "").</summary>
    private protected abstract string ForUpdate { get; }

    /// <summary>Shared row lock on the job while enqueuing (" FOR SHARE" or "").</summary>
    private protected abstract string ForShare { get; }

    /// <summary>Row lock for claims that must not wait (" FOR UPDATE SKIP LOCKED" or "").</summary>
    private protected abstract string ForUpdateSkipLocked { get; }

    private protected long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <inheritdoc />
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        await CreateSchemaAsync(cancellationToken);
        _schemaReady = true;
        SchedulingLog.SchemaReady(_logger, ProviderName, _options.MaxAttempts, _options.RetryBackoff);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await DisposeCoreAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the provider's resources.</summary>
    private protected abstract ValueTask DisposeCoreAsync();

    /// <summary>Creates tables and indexes when missing (idempotent, safe concurrently).</summary>
    private protected abstract Task CreateSchemaAsync(CancellationToken cancellationToken);

    /// <summary>Opens a connection and a write transaction (SQLite: BEGIN IMMEDIATE under the writer lock).</summary>
    private protected abstract Task<SqlScope> BeginWriteAsync(CancellationToken cancellationToken);

    /// <summary>Opens a connection and a snapshot read transaction.</summary>
    private protected abstract Task<SqlScope> BeginReadAsync(CancellationToken cancellationToken);

    /// <summary>True for errors after which the whole transaction may simply be retried (deadlock, serialization).</summary>
    private protected abstract bool IsTransient(Exception exception);

    /// <summary>
    /// Inserts the items that are new (ON CONFLICT DO NOTHING), each with the enqueuer's <paramref name="traceParent"/>
    /// (null when untraced) and, when <paramref name="error"/> is given (set aside at once), that error and
    /// <paramref name="now"/> as completion time; returns the new items per lane.
    /// </summary>
    private protected abstract Task<IReadOnlyDictionary<LaneKey, int>> InsertItemsAsync(
        SqlScope scope, WorkJob job, IReadOnlyList<WorkItemRequest> items, int state, string? error, long now, string? traceParent,
        CancellationToken cancellationToken);

    /// <summary>Marks up to <paramref name="limit"/> pending items of a job cancelled, lowest ids first; returns them per lane.</summary>
    private protected abstract Task<IReadOnlyDictionary<LaneKey, int>> CancelPendingItemsAsync(
        SqlScope scope, string jobId, long now, int limit, CancellationToken cancellationToken);

    private protected async Task<T> WriteAsync<T>(Func<SqlScope, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = await BeginWriteAsync(cancellationToken);
                var result = await work(scope);
                await scope.CommitAsync(cancellationToken);
                return result;
            }
            catch (DbException ex) when (attempt < MaxTransientRetries && IsTransient(ex))
            {
                await Task.Yield();
            }
        }
    }

    private protected async Task<T> ReadAsync<T>(Func<SqlScope, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        await using var scope = await BeginReadAsync(cancellationToken);
        var result = await work(scope);
        await scope.CommitAsync(cancellationToken);
        return result;
    }

    private Task EnsureReadyAsync(CancellationToken cancellationToken) =>
        _schemaReady ? Task.CompletedTask : EnsureSchemaAsync(cancellationToken);

    private TimeSpan BackoffFor(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var backoff = TimeSpan.FromMilliseconds(_options.RetryBackoff.TotalMilliseconds * factor);
        return backoff > _options.MaxRetryBackoff ? _options.MaxRetryBackoff : backoff;
    }

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static LaneKey ReadLane(DbDataReader reader, int first) =>
        new(reader.GetString(first), reader.GetString(first + 1), reader.GetInt32(first + 2));
}
