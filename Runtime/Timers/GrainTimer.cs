using SampleMind.Runtime.Activation;
using SampleMind.Runtime.Diagnostics;

namespace SampleMind.Runtime.Timers;

/// <summary>
/// A timer on the silo's <see cref="TimeProvider"/> whose ticks are queued as turns on the grain's
/// mailbox. A tick is skipped while the previous one has not finished.
/// </summary>
internal sealed class GrainTimer<TState> : IGrainTimer
{
    private readonly ActivationData _activation;
    private readonly Func<TState, CancellationToken, Task> _callback;
    private readonly TState _state;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _disposed = new();
    private int _inFlight;

    public GrainTimer(ActivationData activation, Func<TState, CancellationToken, Task> callback, TState state, TimeSpan dueTime, TimeSpan period)
    {
        _activation = activation;
        _callback = callback;
        _state = state;
        _timer = activation.Runtime.Time.CreateTimer(static t => ((GrainTimer<TState>)t!).OnTick(), this, dueTime, period);
    }

    public void Change(TimeSpan dueTime, TimeSpan period) => _timer.Change(dueTime, period);

    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        _timer.Dispose();
        _activation.RemoveTimer(this);
    }

    private void OnTick()
    {
        if (_disposed.IsCancellationRequested || Interlocked.Exchange(ref _inFlight, 1) != 0)
        {
            return;
        }

        var tick = new TimerTickRequest(this) { Target = _activation.GrainId };
        if (!_activation.TryEnqueue(tick, allowInline: false))
        {
            Dispose();
        }
    }

    private sealed class TimerTickRequest(GrainTimer<TState> timer) : Invocation.GrainRequest<object?>
    {
        public override string MethodName => "(timer)";

        public override int MethodId => 0;

        internal override bool KeepsAlive => false;

        protected override async ValueTask<object?> InvokeCore(object target)
        {
            if (timer._disposed.IsCancellationRequested)
            {
                return null;
            }

            try
            {
                await timer._callback(timer._state, timer._disposed.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timer._disposed.IsCancellationRequested)
            {
                // The timer was disposed while its tick ran (by the callback itself, replacing it with another, or by the
                // activation's end), and the tick stopped at its token: the cancellation asked for, not a failed call.
            }
            catch (Exception ex)
            {
                RuntimeLog.TimerFailed(timer._activation.Runtime.Logger, timer._activation.GrainId.ToString(), ex);
            }

            return null;
        }

        internal override void OnTurnFinished() => Volatile.Write(ref timer._inFlight, 0);
    }
}
