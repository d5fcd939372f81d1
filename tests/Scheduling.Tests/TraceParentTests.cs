using System.Diagnostics;
using SampleMind.Scheduling.Diagnostics;
using SampleMind.Scheduling.Processing;
using SampleMind.Scheduling.Tests.Infrastructure;
using SampleMind.TestSupport;

namespace SampleMind.Scheduling.Tests;

/// <summary>The enqueuer's trace context travels with each item to the worker that processes it.</summary>
public sealed class TraceParentTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Theory, BothProviders]
    public async Task An_item_enqueued_under_a_trace_is_processed_in_a_span_of_that_trace_under_the_enqueue_span(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var queue = store.NewQueue();
        await queue.RegisterJobAsync(Work.Job("job"));
        using var capture = new TraceCapture();

        capture.Begin();
        await queue.EnqueueAsync("job", Work.Items(1));
        Activity.Current = null;

        var enqueue = await capture.WaitForAsync(a => a.OperationName == SchedulingTracing.EnqueueOperation, "the enqueue span", Deadline);
        Assert.Equal(ActivityKind.Producer, enqueue.Kind);
        Assert.Equal(capture.RootSpanId, enqueue.ParentSpanId);
        var seenByHandler = new TaskCompletionSource<ActivityTraceId>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handlers = new Dictionary<string, IWorkHandler>
        {
            ["analyze"] = new DelegateHandler((item, _) =>
            {
                seenByHandler.TrySetResult(Activity.Current?.TraceId ?? default);
                return Task.FromResult(WorkOutcome.Success("{}"));
            }),
        };
        using var stop = new CancellationTokenSource();
        var processor = new WorkProcessor(queue, handlers, new WorkProcessorOptions
        {
            WorkerId = "traced-worker", Roles = Work.Cpu, LeaseDuration = Work.Lease, IdleDelay = TimeSpan.FromHours(1),
        }, store.Time);
        var running = processor.RunAsync(stop.Token);

        var process = await capture.WaitForAsync(a => a.OperationName == SchedulingTracing.ProcessOperation, "the process span", Deadline);
        await stop.CancelAsync();
        await running.WaitAsync(Deadline);

        Assert.Equal(capture.TraceId, await seenByHandler.Task.WaitAsync(Deadline));
        Assert.Equal(ActivityKind.Consumer, process.Kind);
        Assert.Equal(enqueue.SpanId, process.ParentSpanId);
        Assert.True(process.HasRemoteParent);
        Assert.Equal("analyze process", process.DisplayName);
        Assert.Equal("traced-worker", process.GetTagItem("samplemind.work.worker"));
        Assert.Equal(ActivityStatusCode.Unset, process.Status);
    }

    [Theory, BothProviders]
    public async Task A_queue_made_before_trace_parent_existed_gets_the_column_and_keeps_its_items(string provider)
    {
        await using var store = await QueueStore.CreateAsync(provider);
        var old = store.NewQueue();
        await old.RegisterJobAsync(Work.Job("job"));
        await old.EnqueueAsync("job", Work.Items(2));
        await store.ExecuteAsync("ALTER TABLE work_items DROP COLUMN trace_parent");

        var upgraded = store.NewQueue();
        await upgraded.EnsureSchemaAsync();
        using var capture = new TraceCapture();
        capture.Begin();
        await upgraded.EnqueueAsync("job", Work.Items(3, prefix: "traced"));
        Activity.Current = null;

        var items = await upgraded.ClaimAsync("w", Work.Cpu, 10, Work.Lease);
        Assert.Equal(5, items.Count);
        Assert.All(items.Where(i => i.ItemKey.StartsWith("file", StringComparison.Ordinal)), i => Assert.Null(i.TraceParent));
        Assert.All(items.Where(i => i.ItemKey.StartsWith("traced", StringComparison.Ordinal)), i =>
        {
            Assert.True(ActivityContext.TryParse(i.TraceParent, null, out var context), $"'{i.TraceParent}' is a W3C traceparent");
            Assert.Equal(capture.TraceId, context.TraceId);
        });
    }
}
