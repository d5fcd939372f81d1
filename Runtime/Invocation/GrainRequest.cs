using System.Text;
using SampleMind.Runtime.Activation;

namespace SampleMind.Runtime.Invocation;

/// <summary>
/// One call on a grain or observer: which method, with which arguments (fields of the generated
/// subclass). Generated code derives from <see cref="GrainRequest{TResult}"/>; the runtime queues it
/// on the target activation's mailbox and completes the caller's task. Its serializable shape is
/// (target <see cref="GrainId"/>, interface id, <see cref="MethodId"/>, arguments).
/// </summary>
public abstract class GrainRequest : IThreadPoolWorkItem
{
    private static readonly AsyncLocal<GrainRequest?> s_current = new();

    /// <summary>The interface method's name, for diagnostics and metrics.</summary>
    public abstract string MethodName { get; }

    /// <summary>The stable method id (a hash of the method's name and parameter types).</summary>
    public abstract int MethodId { get; }

    /// <summary>True when the method is marked <see cref="AlwaysInterleaveAttribute"/>.</summary>
    public virtual bool IsAlwaysInterleave => false;

    /// <summary>How many arguments the method takes.</summary>
    public virtual int ArgumentCount => 0;

    /// <summary>The argument at <paramref name="index"/>, boxed (for diagnostics and the wire).</summary>
    public virtual object? GetArgument(int index) => throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>The grain this request targets.</summary>
    public GrainId Target { get; internal set; }

    /// <summary>The request whose turn made this call (null: called from outside any grain).</summary>
    internal GrainRequest? Parent { get; set; }

    internal ActivationData? Activation { get; set; }

    /// <summary>The call this request's turn is awaiting now (the last one it made).</summary>
    internal GrainRequest? Awaiting { get; set; }


    /// <summary>Runtime requests (timer ticks) that do not count as activity for idle collection.</summary>
    internal virtual bool KeepsAlive => true;

    /// <summary>Intrusive links for <see cref="PendingCalls"/>.</summary>
    internal GrainRequest? PendingPrev;
    internal GrainRequest? PendingNext;
    internal long DeadlineTicks;
    internal bool IsPending;

    /// <summary>
    /// True when a listener sampled this call: its spans are in <see cref="Diagnostics.RuntimeTracing"/>'s side table
    /// (a bool fits in this object's padding, so untraced calls allocate no more than before).
    /// </summary>
    internal bool IsTraced;

    /// <summary>The request whose turn is running on this async flow.</summary>
    internal static GrainRequest? Current
    {
        get => s_current.Value;
        set => s_current.Value = value;
    }

    internal abstract bool IsCompleted { get; }

    /// <summary>Called once the turn's work is done, before the activation admits the next turn.</summary>
    internal virtual void OnTurnFinished()
    {
    }

    /// <summary>Copies the arguments, so the grain never sees objects the caller may still change.</summary>
    protected virtual void CopyArguments()
    {
    }

    internal void CopyArgumentsForLocalCall() => CopyArguments();

    /// <summary>Runs the turn on the current thread (the activation has admitted it).</summary>
    internal abstract void Execute();

    /// <summary>Fails the call unless it already completed; true when this failed it.</summary>
    internal abstract bool TryFail(Exception exception);

    /// <summary>Completes the call with a result read from the wire (JSON of the result type); false when already completed.</summary>
    internal abstract bool TryCompleteFromWire(ReadOnlySpan<byte> resultJson);

    /// <summary>
    /// Cluster mode: the silo answering a remote caller. Told once, on the thread that completes the
    /// call, instead of a task being completed (no task, no thread hop).
    /// </summary>
    internal IRequestCompletionObserver? CompletionObserver { get; set; }

    /// <summary>The completed call's result as JSON of the result type (call from <see cref="IRequestCompletionObserver.OnCompleted"/> on success).</summary>
    internal abstract void WriteResult(System.Text.Json.Utf8JsonWriter writer);

    void IThreadPoolWorkItem.Execute() => Execute();

    /// <summary>"type/key.Method".</summary>
    public override string ToString() => $"{Target}.{MethodName}";

    /// <summary>"(caller) → a/1.Ping → b/1.Pong": the chain of calls that led to this one.</summary>
    internal string DescribeChain()
    {
        var frames = new List<string>();
        for (var r = this; r is not null && frames.Count < 32; r = r.Parent)
        {
            frames.Add(r.ToString());
        }

        frames.Reverse();
        return "(caller) → " + string.Join(" → ", frames);
    }

    /// <summary>
    /// Follows what the target is busy with and what that turn awaits, so a timeout can say which
    /// grains wait on each other; reports a cycle when it comes back to a grain already seen.
    /// </summary>
    internal string DescribeWaitFor()
    {
        var text = new StringBuilder();
        var seen = new HashSet<GrainId>();
        var request = this;
        for (var hops = 0; hops < 16 && request.Activation is { } activation; hops++)
        {
            if (!seen.Add(activation.GrainId))
            {
                text.Append(activation.GrainId).Append(" is already in this wait chain: a call cycle.");
                return text.ToString();
            }

            var running = activation.RunningExclusive;
            if (running is null)
            {
                text.Append(activation.GrainId).Append(" is not running an exclusive turn; ");
                break;
            }

            text.Append(activation.GrainId).Append(ReferenceEquals(running, request) ? " is running " : " is busy with ").Append(running.MethodName);
            var awaited = running.Awaiting;
            if (awaited is null || awaited.IsCompleted)
            {
                text.Append("; ");
                break;
            }

            text.Append(", which awaits ").Append(awaited).Append("; ");
            request = awaited;
        }

        return text.Length == 0 ? "the target is not busy with another call." : text.ToString();
    }
}
