using System.Collections.Specialized;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;
using Quartz.Impl.Matchers;
using SampleMind.Runtime.Activation;
using SampleMind.Runtime.Cluster;
using SampleMind.Runtime.Diagnostics;
using SampleMind.Runtime.Hosting;

namespace SampleMind.Runtime.Reminders;

/// <summary>
/// Durable reminders on Quartz's ADO job store. One job and trigger per (grain, reminder name):
/// group = grain id, name = reminder name. A firing calls <see cref="IRemindable.ReceiveReminder"/>
/// through the router, as a normal turn on the grain wherever it lives.
/// <para>
/// Embedded mode: SQLite (<c>DataDirectory/reminders.db</c>); the scheduler starts with the silo
/// when the database exists, else on the first registration.
/// </para>
/// <para>
/// Cluster mode: Quartz's clustered job store on the cluster's PostgreSQL (qrtz_ tables, created at
/// start). Every silo runs a scheduler node under one scheduler name with its own instance id; the
/// database's row locks let exactly one node fire each trigger time, and a node that stops checking
/// in has its triggers taken over. The node starts once the silo joined the cluster and stops
/// before it leaves (<see cref="ClusterReminderHostedService"/>).
/// </para>
/// </summary>
internal sealed class ReminderService : IAsyncDisposable
{
    /// <summary>The scheduler name every silo of a cluster shares (Quartz's sched_name column).</summary>
    public const string ClusterSchedulerName = "samplemind-reminders";

    private readonly SiloRuntime _runtime;
    private readonly ClusterOptions? _cluster;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IScheduler? _scheduler;
    private bool _started;
    private bool _stopped;

    public ReminderService(SiloRuntime runtime)
    {
        _runtime = runtime;
        _cluster = _runtime.Services.GetService(typeof(IOptions<ClusterOptions>)) is IOptions<ClusterOptions> { Value: { IsCluster: true } cluster }
            ? cluster
            : null;
        RemindableInterface.Register();
    }

    /// <summary>True in cluster mode (the clustered PostgreSQL job store).</summary>
    public bool IsClustered => _cluster is not null;

    /// <summary>This silo's Quartz instance id once its cluster-mode scheduler was built (unique per silo start).</summary>
    public string? InstanceId { get; private set; }

    private string DatabasePath => Path.GetFullPath(Path.Combine(_runtime.Options.DataDirectory, "reminders.db"));

    /// <summary>With the silo. Embedded mode starts the scheduler if its database exists; cluster mode waits for <see cref="StartClusteredAsync"/>.</summary>
    public Task StartAsync(CancellationToken cancellationToken) =>
        IsClustered ? Task.CompletedTask : StartSchedulerAsync(File.Exists(DatabasePath), cancellationToken);

    /// <summary>Cluster mode, once the silo joined: this silo's scheduler node starts firing.</summary>
    public Task StartClusteredAsync(CancellationToken cancellationToken) => StartSchedulerAsync(create: true, cancellationToken);

    private async Task StartSchedulerAsync(bool create, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            _started = true;
            var scheduler = create ? await GetSchedulerAsync(cancellationToken) : _scheduler;
            if (scheduler is not null)
            {
                await scheduler.Start(cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Cluster mode, as the silo leaves: this node stops firing (Quartz standby; a trigger it already
    /// acquired still fires once, and the other nodes take the rest), while grains still here can
    /// register and unregister until the silo stops.
    /// </summary>
    public async Task StandbyAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _started = false;
            if (_scheduler is { IsStarted: true } scheduler)
            {
                await scheduler.Standby();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Shuts the scheduler down (waits for running fires); registrations fail from now on.</summary>
    public async Task StopAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _stopped = true;
            if (_scheduler is { } scheduler)
            {
                _scheduler = null;
                await scheduler.Shutdown(waitForJobsToComplete: true);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IGrainReminder> RegisterOrUpdateAsync(ActivationData activation, string name, TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!activation.ClassInfo.IsRemindable)
        {
            throw new InvalidOperationException($"{activation.ClassInfo.ClassType.Name} registers reminders, so it must implement IRemindable.");
        }

        if (period < _runtime.Options.MinimumReminderPeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period,
                $"A reminder period must be at least Silo:MinimumReminderPeriod ({_runtime.Options.MinimumReminderPeriod}).");
        }

        var id = activation.GrainId;
        var job = JobBuilder.Create<ReminderJob>()
            .WithIdentity(name, id.ToString())
            .UsingJobData(ReminderJob.GrainTypeKey, id.Type)
            .UsingJobData(ReminderJob.GrainKeyKey, id.Key)
            .UsingJobData(ReminderJob.ReminderKey, name)
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(name, id.ToString())
            .ForJob(job)
            .StartAt(_runtime.Time.GetUtcNow() + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime))
            .WithSimpleSchedule(s => s.WithInterval(period).RepeatForever().WithMisfireHandlingInstructionNowWithExistingCount())
            .Build();
        var scheduler = await EnsureStartedAsync(cancellationToken);
        await scheduler.ScheduleJob(job, [trigger], replace: true, cancellationToken);
        return new GrainReminder(name);
    }

    public async Task UnregisterAsync(GrainId grain, string name, CancellationToken cancellationToken)
    {
        var scheduler = await EnsureStartedAsync(cancellationToken);
        await scheduler.DeleteJob(new JobKey(name, grain.ToString()), cancellationToken);
    }

    public async Task<IGrainReminder?> GetAsync(GrainId grain, string name, CancellationToken cancellationToken)
    {
        var scheduler = await EnsureStartedAsync(cancellationToken);
        return await scheduler.GetTrigger(new TriggerKey(name, grain.ToString()), cancellationToken) is null ? null : new GrainReminder(name);
    }

    public async Task<IReadOnlyList<IGrainReminder>> ListAsync(GrainId grain, CancellationToken cancellationToken)
    {
        var scheduler = await EnsureStartedAsync(cancellationToken);
        var keys = await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(grain.ToString()), cancellationToken);
        return [.. keys.Select(k => (IGrainReminder)new GrainReminder(k.Name))];
    }

    /// <summary>
    /// A trigger fired: deliver the tick to the grain (activating it if needed) through a reference,
    /// so in cluster mode it goes to the silo that owns the grain's partition now.
    /// </summary>
    public async Task FireAsync(GrainId grain, string name, TickStatus status)
    {
        try
        {
            await new RemindableInterface.Reference(_runtime.Router, grain).ReceiveReminder(name, status);
            RuntimeLog.ReminderFired(_runtime.Logger, name, grain.ToString());
            RuntimeEvents.Write(RuntimeEvents.ReminderFired, new RuntimeEvent(_runtime.Options.SiloId, grain, name));
        }
        catch (Exception ex)
        {
            RuntimeLog.ReminderFailed(_runtime.Logger, name, grain.ToString(), ex);
        }
    }

    private async Task<IScheduler> EnsureStartedAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            var scheduler = await GetSchedulerAsync(cancellationToken);
            if (_started && !scheduler.IsStarted)
            {
                await scheduler.Start(cancellationToken);
            }

            return scheduler;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IScheduler> GetSchedulerAsync(CancellationToken cancellationToken)
    {
        if (_scheduler is not null)
        {
            return _scheduler;
        }

        NameValueCollection properties;
        string store;
        if (_cluster is { } cluster)
        {
            var connectionString = new NpgsqlConnectionStringBuilder(cluster.Postgres) { ApplicationName = "samplemind-reminders" }.ConnectionString;
            await QuartzPostgresSchema.CreateAsync(connectionString, cancellationToken);
            InstanceId = _runtime.Options.SiloId + "-" + Guid.NewGuid().ToString("N")[..12];
            properties = ClusterProperties(connectionString, cluster, InstanceId);
            store = $"PostgreSQL (clustered, instance {InstanceId})";
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
            var connectionString = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = true, DefaultTimeout = 30 }.ToString();
            await QuartzSchema.CreateAsync(connectionString, cancellationToken);
            properties = EmbeddedProperties(connectionString);
            store = DatabasePath;
        }

        var loggerFactory = _runtime.Services.GetService(typeof(ILoggerFactory)) as ILoggerFactory ?? NullLoggerFactory.Instance;
        var scheduler = await new ReminderSchedulerFactory(properties, loggerFactory).GetScheduler(cancellationToken);
        scheduler.JobFactory = new ReminderJob.Factory(this);
        RuntimeLog.RemindersStarted(_runtime.Logger, store);
        return _scheduler = scheduler;
    }

    /// <summary>
    /// The scheduler name is stored in every row, so it must stay the same for every silo that opens
    /// this database (it is derived from the path, as it always was).
    /// </summary>
    private NameValueCollection EmbeddedProperties(string connectionString)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(DatabasePath)))[..16];
        return new NameValueCollection
        {
            ["quartz.scheduler.instanceName"] = "samplemind-reminders-" + hash,
            ["quartz.scheduler.instanceId"] = "NON_CLUSTERED",
            ["quartz.scheduler.idleWaitTime"] = "1000",
            ["quartz.threadPool.maxConcurrency"] = "4",
            ["quartz.jobStore.type"] = "Quartz.Impl.AdoJobStore.JobStoreTX, Quartz",
            ["quartz.jobStore.driverDelegateType"] = "Quartz.Impl.AdoJobStore.SQLiteDelegate, Quartz",
            ["quartz.jobStore.tablePrefix"] = "QRTZ_",
            ["quartz.jobStore.dataSource"] = "default",
            ["quartz.jobStore.misfireThreshold"] = "5000",
            ["quartz.dataSource.default.provider"] = "SQLite-Microsoft",
            ["quartz.dataSource.default.connectionString"] = connectionString,
            ["quartz.serializer.type"] = typeof(QuartzJsonSerializer).AssemblyQualifiedName!,
        };
    }

    /// <summary>
    /// One scheduler node of the cluster: the shared scheduler name, this silo's instance id, row
    /// locks in PostgreSQL (PostgreSQLDelegate, provider "Npgsql"), and acquisition inside the lock so
    /// two nodes never take the same trigger. A node that misses check-ins for
    /// <see cref="ClusterOptions.ReminderCheckinInterval"/> plus 7.5 s (the check-in misfire threshold,
    /// well past a GC pause on a loaded machine, so live nodes are not written off) is recovered by the others.
    /// </summary>
    private static NameValueCollection ClusterProperties(string connectionString, ClusterOptions cluster, string instanceId) => new()
    {
        ["quartz.scheduler.instanceName"] = ClusterSchedulerName,
        ["quartz.scheduler.instanceId"] = instanceId,
        ["quartz.scheduler.idleWaitTime"] = "1000",
        ["quartz.threadPool.maxConcurrency"] = "10",
        ["quartz.jobStore.type"] = "Quartz.Impl.AdoJobStore.JobStoreTX, Quartz",
        ["quartz.jobStore.driverDelegateType"] = "Quartz.Impl.AdoJobStore.PostgreSQLDelegate, Quartz",
        ["quartz.jobStore.tablePrefix"] = QuartzPostgresSchema.TablePrefix,
        ["quartz.jobStore.dataSource"] = "default",
        ["quartz.jobStore.clustered"] = "true",
        ["quartz.jobStore.clusterCheckinInterval"] = ((long)cluster.ReminderCheckinInterval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        ["quartz.jobStore.clusterCheckinMisfireThreshold"] = "7500",
        ["quartz.jobStore.acquireTriggersWithinLock"] = "true",
        ["quartz.jobStore.misfireThreshold"] = "5000",
        ["quartz.dataSource.default.provider"] = "Npgsql",
        ["quartz.dataSource.default.connectionString"] = connectionString,
        ["quartz.serializer.type"] = typeof(QuartzJsonSerializer).AssemblyQualifiedName!,
    };

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _gate.Dispose();
    }
}
