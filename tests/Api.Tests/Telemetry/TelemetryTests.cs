using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using SampleMind.Api.Tests.Compute;
using SampleMind.Grains.Abstractions.Compute;
using SampleMind.Grains.Ingest;
using SampleMind.Runtime.Diagnostics;
using SampleMind.Scheduling.Diagnostics;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Telemetry;

public sealed class TelemetryTests(TelemetryFixture fixture) : IClassFixture<TelemetryFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_separation_request_is_one_trace_from_the_http_request_through_grain_calls_to_the_work_item()
    {
        var client = fixture.CreateAdminClient();
        var sampleId = await ComputeFixtures.IngestMixtureAsync(client, fixture.IngestRoot, "traced");
        await Eventually.HoldsAsync(
            () => fixture.Exported.Snapshot().Any(s => s.OperationName == IngestTracing.AnalyzeOperation && Equals(s.GetTagItem("samplemind.sample.id"), sampleId)),
            Bound, "the ingest analysis span of the mixture");
        var analysis = fixture.Exported.Snapshot().First(s => s.OperationName == IngestTracing.AnalyzeOperation && Equals(s.GetTagItem("samplemind.sample.id"), sampleId));
        Assert.Contains(fixture.Exported.Snapshot(), s => s.SpanId == analysis.ParentSpanId && s.OperationName == SchedulingTracing.ProcessOperation
            && s.DisplayName == $"{QueueIngestWork.AnalyzeKind} process");
        var (traceId, callerSpan) = (ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom());
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/samples/{sampleId}/separate")
        {
            Content = JsonContent.Create(new { stems = 2, target = "hpss" }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{callerSpan}-01");

        var accepted = await client.SendAsync(request);
        Assert.Equal(202, (int)accepted.StatusCode);
        await ComputeFixtures.WaitForDoneAsync(client, accepted.Headers.Location!.ToString(), Bound);
        await Eventually.HoldsAsync(
            () => fixture.SpansOf(traceId).Any(s => s.OperationName == SchedulingTracing.ProcessOperation),
            Bound, "the work item's process span to be exported");

        var spans = fixture.SpansOf(traceId);
        var http = Assert.Single(spans, s => s.Source.Name == "Microsoft.AspNetCore");
        Assert.Equal(callerSpan, http.ParentSpanId);
        var calls = spans.Where(s => s.Source.Name == RuntimeTracing.SourceName && s.Kind == ActivityKind.Client && s.ParentSpanId == http.SpanId).ToList();
        var submit = Assert.Single(calls, s => Equals(s.GetTagItem(RuntimeTracing.MethodTag), "Submit"));
        Assert.All(calls, call => Assert.Contains(spans, s => s.Kind == ActivityKind.Server && s.ParentSpanId == call.SpanId));

        // The request's grain charges the tenant and queues the item in its turn: both under that turn's span.
        var turn = Assert.Single(spans, s => s.Kind == ActivityKind.Server && s.ParentSpanId == submit.SpanId);
        Assert.Contains(spans, s => s.Kind == ActivityKind.Client && s.ParentSpanId == turn.SpanId
            && Equals(s.GetTagItem(RuntimeTracing.MethodTag), "Reserve"));
        var enqueue = Assert.Single(spans, s => s.OperationName == SchedulingTracing.EnqueueOperation);
        Assert.Equal(turn.SpanId, enqueue.ParentSpanId);
        var process = Assert.Single(spans, s => s.OperationName == SchedulingTracing.ProcessOperation);
        Assert.Equal(enqueue.SpanId, process.ParentSpanId);
        Assert.Equal($"{ComputeKinds.Separate} process", process.DisplayName);
        Assert.Contains(spans, s => s.Source.Name == RuntimeTracing.SourceName && s.Kind == ActivityKind.Client && s.ParentSpanId == process.SpanId);
    }

    [Fact]
    public async Task Spans_and_metrics_reach_the_configured_otlp_endpoint_as_protobuf_with_the_service_name()
    {
        var client = fixture.CreateAdminClient();
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/health/live");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        var traceBytes = new byte[16];
        traceId.CopyTo(traceBytes);

        Assert.True((await client.SendAsync(request)).IsSuccessStatusCode);

        await Eventually.HoldsAsync(
            () => fixture.Receiver.BodiesOf("/v1/traces").Any(b => Contains(b.Body, traceBytes)),
            Bound, "an OTLP trace export carrying the request's trace id");
        var (contentType, body) = fixture.Receiver.BodiesOf("/v1/traces").First(b => Contains(b.Body, traceBytes));
        Assert.Equal("application/x-protobuf", contentType);
        Assert.True(Contains(body, Encoding.UTF8.GetBytes("service.name")));
        Assert.True(Contains(body, Encoding.UTF8.GetBytes(TelemetryFixture.ServiceName)));
        await Eventually.HoldsAsync(
            () => fixture.Receiver.BodiesOf("/v1/metrics").Any(b => Contains(b.Body, "samplemind.grain.calls"u8.ToArray())),
            Bound, "an OTLP metrics export carrying samplemind.grain.calls");
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
