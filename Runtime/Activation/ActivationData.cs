using SampleMind.Runtime.Hosting;
using SampleMind.Runtime.Invocation;
using SampleMind.Runtime.Storage;

namespace SampleMind.Runtime.Activation;

/// <summary>
/// One activation: the grain instance and its mailbox. Turns run one at a time (the exclusive
/// turn), except reentrant classes and <see cref="AlwaysInterleaveAttribute"/> methods. A call that
/// finds the activation idle runs inline on the caller's thread up to the first await.
/// </summary>
internal sealed partial class ActivationData
{
    private const int MaxInlineDepth = 8;

    [ThreadStatic]
    private static int t_inlineDepth;

    [ThreadStatic]
    private static ActivationData? t_constructing;

    private readonly Lock _lock = new();
    private readonly Queue<GrainRequest> _queue = new();
    private readonly List<IGrainTimer> _timers = [];
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ActivationState _state;
    private int _running;
    private bool _deactivateRequested;
    private DeactivationReason _deactivateReason;
    private long _lastActiveTicks;

    public ActivationData(SiloRuntime runtime, GrainId grainId, GrainClassInfo classInfo)
    {
        Runtime = runtime;
        GrainId = grainId;
        ClassInfo = classInfo;
        _lastActiveTicks = runtime.Time.GetUtcNow().UtcTicks;
    }

    /// <summary>The activation whose grain constructor is running on this thread.</summary>
    public static ActivationData? Constructing => t_constructing;

    public SiloRuntime Runtime { get; }

    public GrainId GrainId { get; }

    public GrainClassInfo ClassInfo { get; }

    public object Instance { get; private set; } = null!;

    public List<IPersistentStateLoader> States { get; } = [];

    /// <summary>Completes when this activation has left the catalog (deactivated or failed to activate).</summary>
    public Task Deactivated => _deactivated.Task;

    /// <summary>The exclusive turn running now, if any.</summary>
    public GrainRequest? RunningExclusive { get; private set; }

    /// <summary>Why this activation failed to activate; null while it has not failed.</summary>
    public Exception? ActivationError { get; private set; }

    /// <summary>An observer: valid at once, never collected.</summary>
    public static ActivationData ForObserver(SiloRuntime runtime, GrainId id, GrainClassInfo info, object target) =>
        new(runtime, id, info) { Instance = target, _state = ActivationState.Valid };

    /// <summary>Queues (or runs) a request; false when this activation is gone and the caller must look again.</summary>
    public bool TryEnqueue(GrainRequest request, bool allowInline)
    {
        request.Activation = this;
        lock (_lock)
        {
            if (_state == ActivationState.Invalid)
            {
                return false;
            }

            if (_state != ActivationState.Valid || !CanStart(request))
            {
                _queue.Enqueue(request);
                return true;
            }

            Admit(request);
        }

        Start(request, allowInline);
        return true;
    }

    private bool CanStart(GrainRequest request) =>
        IsInterleavable(request) || (_running == 0 && _queue.Count == 0);

    private bool IsInterleavable(GrainRequest request) => ClassInfo.IsReentrant || request.IsAlwaysInterleave;

    private void Admit(GrainRequest request)
    {
        _running++;
        if (!IsInterleavable(request))
        {
            RunningExclusive = request;
        }
    }

    private static void Start(GrainRequest request, bool allowInline)
    {
        if (allowInline && t_inlineDepth < MaxInlineDepth)
        {
            t_inlineDepth++;
            try
            {
                request.Execute();
            }
            finally
            {
                t_inlineDepth--;
            }
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(request, preferLocal: false);
        }
    }

    /// <summary>A turn ended: admit what can run next, or start a requested deactivation.</summary>
    public void OnTurnCompleted(GrainRequest request)
    {
        var deactivate = false;
        var now = request.KeepsAlive ? Runtime.Time.GetUtcNow().UtcTicks : 0;
        lock (_lock)
        {
            _running--;
            if (ReferenceEquals(RunningExclusive, request))
            {
                RunningExclusive = null;
            }

            if (now != 0)
            {
                _lastActiveTicks = now;
            }

            if (_state == ActivationState.Valid)
            {
                StartQueuedTurns();
                if (_deactivateRequested && _running == 0 && _queue.Count == 0)
                {
                    _state = ActivationState.Deactivating;
                    deactivate = true;
                }
            }
        }

        if (deactivate)
        {
            _ = DeactivateAsync(_deactivateReason);
        }
    }

    private void StartQueuedTurns()
    {
        while (_queue.TryPeek(out var next))
        {
            if (!IsInterleavable(next) && _running != 0)
            {
                return;
            }

            _queue.Dequeue();
            Admit(next);
            ThreadPool.UnsafeQueueUserWorkItem(next, preferLocal: false);
            if (!IsInterleavable(next))
            {
                return;
            }
        }
    }

    public IGrainTimer AddTimer(IGrainTimer timer)
    {
        lock (_lock)
        {
            _timers.Add(timer);
        }

        return timer;
    }

    public void RemoveTimer(IGrainTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    /// <summary>Deactivate once no turn runs (after the current one).</summary>
    public void RequestDeactivation(DeactivationReason reason = DeactivationReason.ApplicationRequested)
    {
        lock (_lock)
        {
            _deactivateRequested = true;
            _deactivateReason = reason;
        }
    }

    /// <summary>Starts deactivation when idle for at least <paramref name="age"/>; true when it did.</summary>
    public bool TryCollect(long nowTicks, TimeSpan age)
    {
        lock (_lock)
        {
            if (_state != ActivationState.Valid || ClassInfo.IsObserver || _running != 0 || _queue.Count != 0 ||
                nowTicks - _lastActiveTicks < age.Ticks)
            {
                return false;
            }

            _state = ActivationState.Deactivating;
        }

        _ = DeactivateAsync(DeactivationReason.IdleCollection);
        return true;
    }

    /// <summary>Deactivates at shutdown, after the running turns end.</summary>
    public Task StopAsync()
    {
        lock (_lock)
        {
            if (_state == ActivationState.Activating)
            {
                // Deactivates as soon as activation finishes and the queued calls have run.
                _deactivateRequested = true;
                _deactivateReason = DeactivationReason.ShuttingDown;
                return Task.CompletedTask;
            }

            if (_state != ActivationState.Valid)
            {
                return Task.CompletedTask;
            }

            if (_running != 0 || _queue.Count != 0)
            {
                _deactivateRequested = true;
                _deactivateReason = DeactivationReason.ShuttingDown;
                return Task.CompletedTask;
            }

            _state = ActivationState.Deactivating;
        }

        return DeactivateAsync(DeactivationReason.ShuttingDown);
    }
}
