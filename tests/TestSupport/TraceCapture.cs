using System.Collections.Concurrent;
using System.Diagnostics;

namespace SampleMind.TestSupport;

/// <summary>
/// Records the spans of one trace: an <see cref="ActivityListener"/> on the SampleMind sources that samples
/// (all data) only activities whose parent is in this capture's trace, so tests running in parallel in the
/// same process neither see nor disturb each other's spans. <see cref="Begin"/> starts the trace's root.
/// </summary>
public sealed class TraceCapture : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly Activity _root;

    public TraceCapture()
    {
        _root = new Activity("test-root");
        _root.SetIdFormat(ActivityIdFormat.W3C);
        _root.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("SampleMind.", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Parent.TraceId == TraceId ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == TraceId)
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
        _root.Start();
        Activity.Current = null;
    }

    /// <summary>The trace every captured span belongs to.</summary>
    public ActivityTraceId TraceId => _root.TraceId;

    /// <summary>The root span's id (the parent of the first call made under <see cref="Begin"/>).</summary>
    public ActivitySpanId RootSpanId => _root.SpanId;

    /// <summary>The spans of the trace that have ended so far.</summary>
    public IReadOnlyList<Activity> Spans => [.. _stopped];

    /// <summary>Makes the root current on this async flow: calls made after it belong to the trace.</summary>
    public void Begin() => Activity.Current = _root;

    /// <summary>Waits until a span matching <paramref name="match"/> has ended.</summary>
    public async Task<Activity> WaitForAsync(Func<Activity, bool> match, string what, TimeSpan timeout)
    {
        Activity? found = null;
        await Eventually.HoldsAsync(() => (found = _stopped.FirstOrDefault(match)) is not null, timeout, what);
        return found!;
    }

    public void Dispose()
    {
        _listener.Dispose();
        _root.Stop();
    }
}
