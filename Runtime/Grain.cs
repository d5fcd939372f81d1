using SampleMind.Runtime.Activation;
using SampleMind.Runtime.Timers;

namespace SampleMind.Runtime;

/// <summary>
/// Base class of grain implementations. One activation per grain id exists at a time; its turns run
/// one at a time unless the class is <see cref="ReentrantAttribute"/>. The identity and factory are
/// already set when the constructor runs.
/// </summary>
public abstract class Grain : IAddressable
{
    private readonly ActivationData _activation;

    /// <summary>Binds the grain to the activation being constructed.</summary>
    protected Grain()
    {
        _activation = ActivationData.Constructing ?? throw new InvalidOperationException(
            $"{GetType().Name} is a grain: the runtime creates it; get a reference with IGrainFactory.GetGrain.");
    }

    internal ActivationData Activation => _activation;

    /// <summary>This grain's identity.</summary>
    public GrainId GrainId => _activation.GrainId;

    /// <summary>The factory for references to other grains.</summary>
    public IGrainFactory GrainFactory => _activation.Runtime.GrainFactory;

    /// <summary>The string key (for <see cref="IGrainWithStringKey"/> grains).</summary>
    public string GetPrimaryKeyString() => _activation.GrainId.Key;

    /// <summary>The Guid key (for <see cref="IGrainWithGuidKey"/> grains).</summary>
    public Guid GetPrimaryKey() => Guid.Parse(_activation.GrainId.Key);

    /// <summary>Runs after the persistent state is read, before the first call.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs before the activation is dropped (idle collection, request, shutdown). Nothing is persisted implicitly.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once the current turn ends; the next call activates a new one.</summary>
    protected void DeactivateOnIdle() => _activation.RequestDeactivation();

    /// <summary>
    /// Starts a timer whose callback runs as a turn on this grain's mailbox (never interleaved with
    /// other turns; a tick is skipped while the previous one is still queued or running). Timer ticks
    /// do not keep the activation alive; the timer stops at deactivation.
    /// </summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return _activation.AddTimer(new GrainTimer<Func<CancellationToken, Task>>(_activation, static (c, ct) => c(ct), callback, dueTime, period));
    }

    /// <inheritdoc cref="RegisterGrainTimer(Func{CancellationToken, Task}, TimeSpan, TimeSpan)"/>
    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return _activation.AddTimer(new GrainTimer<TState>(_activation, callback, state, dueTime, period));
    }

    /// <summary>Registers (or changes) a durable reminder; it fires <see cref="IRemindable.ReceiveReminder"/> even after restarts.</summary>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        _activation.Runtime.Reminders.RegisterOrUpdateAsync(_activation, reminderName, dueTime, period, CancellationToken.None);

    /// <summary>Removes a reminder.</summary>
    protected Task UnregisterReminder(IGrainReminder reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        return _activation.Runtime.Reminders.UnregisterAsync(_activation.GrainId, reminder.ReminderName, CancellationToken.None);
    }

    /// <summary>The reminder with this name, or null.</summary>
    protected Task<IGrainReminder?> GetReminder(string reminderName) =>
        _activation.Runtime.Reminders.GetAsync(_activation.GrainId, reminderName, CancellationToken.None);

    /// <summary>All reminders of this grain.</summary>
    protected Task<IReadOnlyList<IGrainReminder>> GetReminders() =>
        _activation.Runtime.Reminders.ListAsync(_activation.GrainId, CancellationToken.None);
}
