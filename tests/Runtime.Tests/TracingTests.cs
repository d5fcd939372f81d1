using System.Diagnostics;
using SampleMind.Runtime.Diagnostics;
using SampleMind.Runtime.Tests.Grains;
using SampleMind.Runtime.Tests.Support;
using SampleMind.TestSupport;

namespace SampleMind.Runtime.Tests;

public sealed class TracingTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_call_has_a_client_span_at_the_caller_and_a_server_span_under_it_with_the_grains_attributes()
    {
        await using var silo = await TestSilo.StartAsync(o => o.SiloId = "trace-silo");
        using var capture = new TraceCapture();
        var key = Guid.NewGuid().ToString("N");

        capture.Begin();
        Assert.Equal(7, await silo.Grains.GetGrain<IEchoGrain>(key).Echo(7));

        var client = await capture.WaitForAsync(a => a.Kind == ActivityKind.Client, "the client span", Bound);
        var server = await capture.WaitForAsync(a => a.Kind == ActivityKind.Server, "the server span", Bound);
        Assert.Equal(RuntimeTracing.SourceName, client.Source.Name);
        Assert.Equal("metrics-echo/Echo", client.DisplayName);
        Assert.Equal("metrics-echo/Echo", server.DisplayName);
        Assert.Equal(capture.RootSpanId, client.ParentSpanId);
        Assert.Equal(client.SpanId, server.ParentSpanId);
        Assert.Equal(key, server.GetTagItem(RuntimeTracing.GrainKeyTag));
        Assert.Equal("metrics-echo", server.GetTagItem(RuntimeTracing.GrainTypeTag));
        Assert.Equal("Echo", server.GetTagItem(RuntimeTracing.MethodTag));
        Assert.Equal("trace-silo", server.GetTagItem(RuntimeTracing.SiloTag));
        Assert.Equal(ActivityStatusCode.Unset, client.Status);
        Assert.True(server.StartTimeUtc >= client.StartTimeUtc);
    }

    [Fact]
    public async Task A_call_made_by_a_grain_nests_under_that_grains_turn()
    {
        await using var silo = await TestSilo.StartAsync();
        using var capture = new TraceCapture();
        var (a, b) = ("a-" + Guid.NewGuid().ToString("N"), "b-" + Guid.NewGuid().ToString("N"));

        capture.Begin();
        Assert.Equal($"{a}:back", await silo.Grains.GetGrain<ICycleGrain>(b).CallBack(a));

        var outerTurn = await capture.WaitForAsync(
            s => s.Kind == ActivityKind.Server && s.DisplayName.EndsWith("/CallBack", StringComparison.Ordinal), "the CallBack turn", Bound);
        var innerCall = await capture.WaitForAsync(
            s => s.Kind == ActivityKind.Client && s.DisplayName.EndsWith("/Echo", StringComparison.Ordinal), "the Echo call", Bound);
        Assert.Equal(outerTurn.SpanId, innerCall.ParentSpanId);
        Assert.Equal(capture.TraceId, innerCall.TraceId);
    }

    [Fact]
    public async Task A_call_that_throws_marks_both_its_spans_as_errors()
    {
        await using var silo = await TestSilo.StartAsync();
        using var capture = new TraceCapture();

        capture.Begin();
        await Assert.ThrowsAsync<ArgumentException>(() => silo.Grains.GetGrain<IFaultyGrain>(Guid.NewGuid().ToString("N")).Fail("boom"));

        var client = await capture.WaitForAsync(a => a.Kind == ActivityKind.Client, "the client span", Bound);
        var server = await capture.WaitForAsync(a => a.Kind == ActivityKind.Server, "the server span", Bound);
        Assert.Equal(ActivityStatusCode.Error, client.Status);
        Assert.Equal(ActivityStatusCode.Error, server.Status);
        Assert.Contains("boom", server.StatusDescription, StringComparison.Ordinal);
        Assert.Equal(typeof(ArgumentException).FullName, server.GetTagItem("error.type"));
    }
}
