using System.Diagnostics;

namespace SampleMind.Scheduling.Diagnostics;

/// <summary>
/// Spans of work items on <see cref="ActivitySource"/> "SampleMind.Scheduling": "work enqueue" (producer) around
/// an enqueue, whose context is stored with every item it adds (column <c>trace_parent</c>, W3C traceparent),
/// and "{kind} process" (consumer) around a handler run, parented to that stored context, so a trace runs
/// from the request that queued the work to the worker that did it. Nothing is created without a listener.
/// </summary>
public static class SchedulingTracing
{
    /// <summary>The activity source's name.</summary>
    public const string SourceName = "SampleMind.Scheduling";

    /// <summary>Operation name of the enqueuer's span.</summary>
    public const string EnqueueOperation = "work.enqueue";

    /// <summary>Operation name of the worker's span (the exported name is "{kind} process").</summary>
    public const string ProcessOperation = "work.process";

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts the enqueuer's span when sampled.</summary>
    internal static Activity? StartEnqueue(string jobId, int count)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(EnqueueOperation, ActivityKind.Producer);
        if (activity is { IsAllDataRequested: true })
        {
            activity.DisplayName = "work enqueue";
            activity.SetTag("samplemind.work.job_id", jobId);
            activity.SetTag("samplemind.work.items", count);
        }

        return activity;
    }

    /// <summary>The W3C traceparent to store with enqueued items: the enqueue span's, else the current one's, else null.</summary>
    internal static string? TraceParent(Activity? enqueue)
    {
        var activity = enqueue ?? Activity.Current;
        return activity is { IdFormat: ActivityIdFormat.W3C } ? activity.Id : null;
    }

    /// <summary>Starts the worker's span for <paramref name="item"/>, parented to its stored trace context when it has one.</summary>
    internal static Activity? StartProcess(WorkItem item, string workerId)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        ActivityContext.TryParse(item.TraceParent, null, isRemote: true, out var parent);
        var activity = Source.StartActivity(ProcessOperation, ActivityKind.Consumer, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.DisplayName = item.Kind + " process";
            activity.SetTag("samplemind.work.kind", item.Kind);
            activity.SetTag("samplemind.work.item_id", item.Id);
            activity.SetTag("samplemind.work.job_id", item.JobId);
            activity.SetTag("samplemind.work.attempt", item.Attempt);
            activity.SetTag("samplemind.work.role", item.RequiredRole);
            activity.SetTag("samplemind.work.worker", workerId);
        }

        return activity;
    }

    /// <summary>Marks the worker's span failed (the handler threw or reported a failure).</summary>
    internal static void Failed(Activity? activity, string? error)
    {
        activity?.SetStatus(ActivityStatusCode.Error, error);
    }
}
