using System.Diagnostics;
using SampleMind.Cluster.Tests.Grains;
using SampleMind.Cluster.Tests.Support;
using SampleMind.Runtime.Diagnostics;
using SampleMind.TestSupport;

namespace SampleMind.Cluster.Tests;

/// <summary>A call from one silo to a grain on another carries the caller's trace context in its frame.</summary>
public sealed class CrossSiloTracingTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private const int GpuRing = 3;

    [Fact]
    public async Task A_call_to_a_grain_on_another_silo_continues_the_callers_trace_there()
    {
        await using var cluster = await TestCluster.CreateAsync();
        var caller = await cluster.StartSiloAsync("trace-caller", "api");
        await cluster.StartSiloAsync("trace-owner", "gpu");
        await Eventually.HoldsAsync(
            () => Enumerable.Range(0, 16).All(p => caller.Cluster.Routes.Owner(GpuRing, p) is not null),
            Bound, "the caller's route cache has an owner for every gpu partition");
        using var capture = new TraceCapture();
        var key = "traced-" + Guid.NewGuid().ToString("N");

        capture.Begin();
        Assert.Equal("trace-owner", await caller.Grains.GetGrain<IGpuGrain>(key).WhereAmI());

        var client = await capture.WaitForAsync(a => a.Kind == ActivityKind.Client, "the caller's client span", Bound);
        var server = await capture.WaitForAsync(a => a.Kind == ActivityKind.Server, "the owner's server span", Bound);
        Assert.Equal("trace-caller", client.GetTagItem(RuntimeTracing.SiloTag));
        Assert.Equal("trace-owner", server.GetTagItem(RuntimeTracing.SiloTag));
        Assert.Equal(capture.RootSpanId, client.ParentSpanId);
        Assert.Equal(capture.TraceId, server.TraceId);
        Assert.Equal(client.SpanId, server.ParentSpanId);

        // The owner's span was parented from the frame's context, not from the caller's Activity object.
        Assert.True(server.HasRemoteParent);
        Assert.Null(server.Parent);
        Assert.Equal("test-gpu/WhereAmI", server.DisplayName);
        Assert.Equal(key, server.GetTagItem(RuntimeTracing.GrainKeyTag));
    }
}
