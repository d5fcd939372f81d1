using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SampleMind.Runtime.Activation;
using SampleMind.Runtime.Diagnostics;
using SampleMind.Runtime.Invocation;
using SampleMind.Runtime.Observers;
using SampleMind.Runtime.Reminders;
using SampleMind.Runtime.Storage;

namespace SampleMind.Runtime.Hosting;

/// <summary>
/// The embedded silo: catalog, router, pending-call sweeper, idle collector, storage, reminders and
/// metrics. Calls work as soon as it is built; <see cref="StartAsync"/> starts the background work.
/// </summary>
internal sealed class SiloRuntime : IAsyncDisposable
{
    private ITimer? _sweeper;
    private ITimer? _collector;
    private int _collecting;

    public SiloRuntime(IOptions<SiloOptions> options, TimeProvider time, IServiceProvider services, ILoggerFactory loggerFactory, IMeterFactory? meterFactory = null)
    {
        Options = options.Value;
        Time = time;
        Services = services;
        Logger = loggerFactory.CreateLogger("SampleMind.Runtime");
        Metrics = new RuntimeMetrics(meterFactory);
        Catalog = new Catalog(this);
        PendingCalls = new PendingCalls(time, Options.ResponseTimeout);
        Router = services.GetService(typeof(IGrainCallRouterProvider)) is IGrainCallRouterProvider provider
            ? provider.Create(this)
            : new LocalGrainCallRouter(this);
        Redispatch = request =>
        {
            try
            {
                Catalog.Dispatch(request, allowInline: false);
            }
            catch (Exception ex)
            {
                request.TryFail(ex);
            }
        };
        GrainFactory = new GrainFactory(this);
        Observers = new ObserverRegistry(this);
        Storage = new GrainStorageResolver(services);
        Reminders = new ReminderService(this);
    }

    public SiloOptions Options { get; }

    public TimeProvider Time { get; }

    public IServiceProvider Services { get; }

    public ILogger Logger { get; }

    public RuntimeMetrics Metrics { get; }

    public Catalog Catalog { get; }

    public PendingCalls PendingCalls { get; }

    public IGrainCallRouter Router { get; }

    public IGrainFactory GrainFactory { get; }

    public ObserverRegistry Observers { get; }

    public GrainStorageResolver Storage { get; }

    public ReminderService Reminders { get; }

    /// <summary>
    /// Asked before a grain is activated here; throws when this silo may not host it (cluster mode: it does not serve
    /// the grain's partition), else returns an admission that the catalog ends once the activation is in it. Null in
    /// embedded mode.
    /// </summary>
    public Func<GrainId, IActivationAdmission?>? AdmitActivation { get; set; }

    /// <summary>Re-delivers a call that reached an activation as it deactivated (cluster mode routes it again).</summary>
    public Action<GrainRequest> Redispatch { get; set; }

    public SiloStatus Status { get; private set; } = SiloStatus.Created;

    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>True until stopping begins: calls (and activations) are accepted before start too.</summary>
    public bool IsRunning => Status is SiloStatus.Created or SiloStatus.Running or SiloStatus.Draining;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Services.GetService<IGrainStorage>() is { } storage)
        {
            await storage.OpenAsync(cancellationToken);
        }

        var sweep = TimeSpan.FromTicks(Math.Clamp(Options.ResponseTimeout.Ticks / 4, TimeSpan.TicksPerMillisecond * 10, TimeSpan.TicksPerSecond));
        _sweeper = Time.CreateTimer(static s => ((SiloRuntime)s!).Sweep(), this, sweep, sweep);
        _collector = Time.CreateTimer(static s => ((SiloRuntime)s!).Collect(), this, Options.CollectionInterval, Options.CollectionInterval);
        await Reminders.StartAsync(cancellationToken);
        StartedAt = Time.GetUtcNow();
        Status = SiloStatus.Running;
        RuntimeLog.SiloStarted(Logger, Options.SiloId, string.Join(",", Options.EffectiveRoles), Options.Storage,
            Path.GetFullPath(Options.DataDirectory), Options.CollectionAge, Options.ResponseTimeout);
    }

    /// <summary>Marks a running silo as draining: it keeps serving, readiness reports it not ready.</summary>
    public void BeginDrain()
    {
        if (Status == SiloStatus.Running)
        {
            Status = SiloStatus.Draining;
            RuntimeLog.Draining(Logger, Options.SiloId, Options.DrainDelay);
        }
    }

    /// <summary>
    /// Stops reminders, then deactivates every activation (OnDeactivateAsync runs; nothing is persisted implicitly).
    /// Busy activations deactivate when their running turn ends; those still busy when
    /// <paramref name="cancellationToken"/> fires (the host's shutdown timeout) are left, with a warning, and the stop
    /// completes.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Status is SiloStatus.Stopping or SiloStatus.Stopped)
        {
            return;
        }

        Status = SiloStatus.Stopping;

        // Paired with the catalog's check after it adds an activation: either that check sees the silo stopping and
        // drops the activation, or this list includes it.
        Interlocked.MemoryBarrier();
        await Reminders.StopAsync();
        var activations = Catalog.Activations.Where(a => !a.ClassInfo.IsObserver).ToList();
        await Task.WhenAll(activations.Select(a => a.StopAsync()));
        while (Catalog.Activations.Any(a => !a.ClassInfo.IsObserver))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                RuntimeLog.StoppedWithBusyActivations(Logger, Options.SiloId, Catalog.Activations.Count(a => !a.ClassInfo.IsObserver));
                break;
            }

            // Busy activations deactivate when their running turn ends.
            await Task.Delay(10, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _sweeper?.Dispose();
        _collector?.Dispose();
        Status = SiloStatus.Stopped;
        RuntimeLog.SiloStopped(Logger, Options.SiloId, activations.Count);
    }

    private void Sweep()
    {
        var expired = PendingCalls.Sweep();
        if (expired > 0)
        {
            RuntimeLog.CallsTimedOut(Logger, expired);
        }
    }

    /// <summary>One idle-collection pass (timer callback; passes never overlap).</summary>
    internal int Collect()
    {
        if (Interlocked.Exchange(ref _collecting, 1) != 0)
        {
            return 0;
        }

        try
        {
            var now = Time.GetUtcNow().UtcTicks;
            var collected = 0;
            foreach (var activation in Catalog.Activations)
            {
                if (activation.TryCollect(now, activation.ClassInfo.CollectionAge ?? Options.CollectionAge))
                {
                    collected++;
                }
            }

            if (collected > 0)
            {
                RuntimeLog.Collected(Logger, collected);
                RuntimeEvents.Write(RuntimeEvents.Collection, new RuntimeEvent(Options.SiloId, default, collected.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            return collected;
        }
        finally
        {
            Volatile.Write(ref _collecting, 0);
        }
    }

    internal void OnActivated(ActivationData activation)
    {
        Metrics.ActivationAdded(activation.ClassInfo.GrainType);
        RuntimeLog.Activated(Logger, activation.GrainId.ToString());
        RuntimeEvents.Write(RuntimeEvents.Activated, new RuntimeEvent(Options.SiloId, activation.GrainId, null));
    }

    internal void OnDeactivated(ActivationData activation, DeactivationReason reason)
    {
        Metrics.ActivationRemoved(activation.ClassInfo.GrainType);
        RuntimeLog.Deactivated(Logger, activation.GrainId.ToString(), reason);
        RuntimeEvents.Write(RuntimeEvents.Deactivated, new RuntimeEvent(Options.SiloId, activation.GrainId, reason.ToString()));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        await Reminders.DisposeAsync();
        Metrics.Dispose();
    }
}
