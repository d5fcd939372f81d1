using System.Collections.Specialized;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Quartz;
using Quartz.Impl;
using Quartz.Impl.Matchers;
using SampleMind.Runtime.Activation;
using SampleMind.Runtime.Diagnostics;
using SampleMind.Runtime.Hosting;

namespace SampleMind.Runtime.Reminders;

/// <summary>
/// Durable reminders on Quartz with its ADO job store on SQLite (<c>DataDirectory/reminders.db</c>).
/// One job and trigger per (grain, reminder name): group = grain id, name = reminder name. A firing
/// calls <see cref="IRemindable.ReceiveReminder"/> through the runtime, as a normal turn. The
/// scheduler starts with the silo when the database exists, else on the first registration.
/// </summary>
internal sealed class ReminderService(SiloRuntime runtime) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IScheduler? _scheduler;
    private bool _started;
    private bool _stopped;

    private string DatabasePath => Path.GetFullPath(Path.Combine(runtime.Options.DataDirectory, "reminders.db"));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _started = true;
            if (File.Exists(DatabasePath))
            {
                await (await GetSchedulerAsync(cancellationToken)).Start(cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

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

        if (period < runtime.Options.MinimumReminderPeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period,
                $"A reminder period must be at least Silo:MinimumReminderPeriod ({runtime.Options.MinimumReminderPeriod}).");
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
            .StartAt(runtime.Time.GetUtcNow() + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime))
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

    /// <summary>A trigger fired: deliver the tick to the grain (activating it if needed).</summary>
    public async Task FireAsync(GrainId grain, string name, TickStatus status)
    {
        try
        {
            await runtime.Router.InvokeAsync(grain, new ReminderTickRequest(name, status));
            RuntimeLog.ReminderFired(runtime.Logger, name, grain.ToString());
            RuntimeEvents.Write(RuntimeEvents.ReminderFired, new RuntimeEvent(runtime.Options.SiloId, grain, name));
        }
        catch (Exception ex)
        {
            RuntimeLog.ReminderFailed(runtime.Logger, name, grain.ToString(), ex);
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

        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = true, DefaultTimeout = 30 }.ToString();
        await QuartzSchema.CreateAsync(connectionString, cancellationToken);
        var factory = new StdSchedulerFactory(Properties(connectionString));
        var scheduler = await factory.GetScheduler(cancellationToken);
        scheduler.JobFactory = new ReminderJob.Factory(this);
        RuntimeLog.RemindersStarted(runtime.Logger, DatabasePath);
        return _scheduler = scheduler;
    }

    /// <summary>
    /// The scheduler name is stored in every row, so it must be the same for every silo that opens
    /// this database, and distinct per database (Quartz keeps schedulers in a process-wide repository).
    /// </summary>
    private NameValueCollection Properties(string connectionString)
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

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _gate.Dispose();
    }
}
