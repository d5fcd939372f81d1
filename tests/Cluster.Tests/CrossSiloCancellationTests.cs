using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SampleMind.Cluster.Tests.Grains;
using SampleMind.Cluster.Tests.Support;
using SampleMind.Runtime;
using SampleMind.Runtime.Cluster;
using SampleMind.Runtime.Cluster.Transport;
using SampleMind.Runtime.Invocation;

namespace SampleMind.Cluster.Tests;

/// <summary>
/// A caller's cancellation and timeout reach the grain on the other silo (a cancel frame trips the
/// token its method took); a call whose owner's stream breaks fails instead of hanging.
/// </summary>
public sealed class CrossSiloCancellationTests
{
    /// <summary>Only a bound against hanging forever: every wait below normally ends in milliseconds.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private const int GpuRing = 3;

    [Fact]
    public async Task A_callers_cancellation_reaches_the_grain_on_the_other_silo()
    {
        await using var cluster = await TestCluster.CreateAsync();
        var caller = await cluster.StartSiloAsync("cancel-caller", "api");
        await cluster.StartSiloAsync("cancel-owner", "gpu");
        await CallerKnowsTheGpuOwnersAsync(caller);
        var key = "cancel-" + Guid.NewGuid().ToString("N");
        using var cancellation = new CancellationTokenSource();

        var call = caller.Grains.GetGrain<IPatientGrain>(key).WaitForCancellation(cancellation.Token);
        Assert.Equal("cancel-owner", await StartedAsync(key, call));
        Assert.False(call.IsCompleted);
        Assert.False(PatientLog.For(key).Canceled.Task.IsCompleted);

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(Bound));
        Assert.Equal("cancel-owner", await PatientLog.For(key).Canceled.Task.WaitAsync(Bound));
    }

    [Fact]
    public async Task A_callers_timeout_cancels_the_call_on_the_other_silo()
    {
        await using var cluster = await TestCluster.CreateAsync();
        cluster.ResponseTimeout = TimeSpan.FromSeconds(1);
        var caller = await cluster.StartSiloAsync("timeout-caller", "api");
        cluster.ResponseTimeout = null;
        await cluster.StartSiloAsync("timeout-owner", "gpu");
        await CallerKnowsTheGpuOwnersAsync(caller);
        var key = "timeout-" + Guid.NewGuid().ToString("N");

        var call = caller.Grains.GetGrain<IPatientGrain>(key).WaitForCancellation(CancellationToken.None);
        Assert.Equal("timeout-owner", await StartedAsync(key, call));
        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => call.WaitAsync(Bound));
        Assert.Equal("timeout-owner", await PatientLog.For(key).Canceled.Task.WaitAsync(Bound));
    }

    [Fact]
    public async Task A_call_in_flight_when_the_owners_stream_breaks_fails_at_most_once_instead_of_hanging()
    {
        var (error, retried) = await CallIntoADyingOwnerAsync("dies", abort: true);
        Assert.Contains("may or may not have run", error.Message, StringComparison.Ordinal);
        // Why the stream ended is in the message (here the owner reset it: the transport's exception).
        Assert.Matches(@"broke \(\w+Exception: .+\) while", error.Message);
        Assert.Empty(retried);
    }

    [Fact]
    public async Task A_call_in_flight_when_the_owners_stream_ends_without_closing_fails_and_says_so()
    {
        var (error, retried) = await CallIntoADyingOwnerAsync("ends", abort: false);
        Assert.Contains("broke (its response stream ended without the Closing frame) while", error.Message, StringComparison.Ordinal);
        Assert.Empty(retried);
    }

    [Fact]
    public async Task A_call_to_a_silo_that_is_gone_is_handed_back_for_routing_not_lost()
    {
        using var client = NewClient();
        var (connection, sink, request, call) = SendOneCall(client, TestCluster.FreePort(), "gone");

        await TestSupport.Eventually.HoldsAsync(() => !sink.Retried.IsEmpty, Bound, "the unsent call is handed back");
        Assert.Contains("closed before the call was sent", Assert.Single(sink.Retried), StringComparison.Ordinal);
        Assert.False(call.IsCompleted);
        Assert.True(connection.IsClosed);
        Assert.False(connection.TrySend(new RemoteCall(request, long.MaxValue)));
    }

    [Fact]
    public async Task A_call_on_a_stream_the_owner_never_accepted_is_handed_back_for_routing_not_failed()
    {
        // As a silo shutting down refuses a stream that raced its GOAWAY: the request is reset before any answer. The
        // caller wrote no call on it (it writes only after the owner's response headers), so the call did not run.
        var port = TestCluster.FreePort();
        var refused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http2));
        await using var owner = builder.Build();
        owner.MapPost(ClusterServer.CallsPath, context =>
        {
            refused.TrySetResult();
            context.Abort();
            return Task.CompletedTask;
        });
        await owner.StartAsync();
        using var client = NewClient();
        var (connection, sink, _, call) = SendOneCall(client, port, "refused");
        await refused.Task.WaitAsync(Bound);
        await TestSupport.Eventually.HoldsAsync(() => !sink.Retried.IsEmpty || call.IsCompleted, Bound, "the call is handed back or fails");
        Assert.False(call.IsCompleted, call.Exception?.InnerException?.Message);
        Assert.Contains("closed before the call was sent", Assert.Single(sink.Retried), StringComparison.Ordinal);
        Assert.True(connection.IsClosed);
    }

    private static Task CallerKnowsTheGpuOwnersAsync(TestClusterSilo caller) =>
        TestSupport.Eventually.HoldsAsync(
            () => Enumerable.Range(0, 16).All(p => caller.Cluster.Routes.Owner(GpuRing, p) is not null),
            Bound, "the caller's route cache has an owner for every gpu partition");

    /// <summary>The silo the grain started waiting on; if the call ended first, its exception says why.</summary>
    private static async Task<string> StartedAsync(string key, Task call)
    {
        var started = PatientLog.For(key).Started.Task;
        if (await Task.WhenAny(started, call).WaitAsync(Bound) == call)
        {
            await call;
            Assert.Fail("The call returned without waiting for its cancellation.");
        }

        return await started;
    }

    /// <summary>A silo endpoint that reads the first bytes of a call stream, then resets it, as a silo dying mid-call would.</summary>
    /// <summary>
    /// Sends one call to an owner that reads it and then resets its stream (<paramref name="abort"/>) or ends it without
    /// a Closing frame; returns the call's error once the connection has closed, and the calls handed back for routing.
    /// </summary>
    private static async Task<(SiloUnavailableException Error, IReadOnlyCollection<string> Retried)> CallIntoADyingOwnerAsync(string key, bool abort)
    {
        var port = TestCluster.FreePort();
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var owner = await StartDyingOwnerAsync(port, received, abort);
        using var client = NewClient();
        var (connection, sink, _, call) = SendOneCall(client, port, key);
        await received.Task.WaitAsync(Bound);
        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => call.WaitAsync(Bound));
        await TestSupport.Eventually.HoldsAsync(() => connection.IsClosed, Bound, "the connection closes");
        return (error, sink.Retried.ToList());
    }

    /// <summary>An owner that reads the first calls, then resets its stream (<paramref name="abort"/>) or ends it without a Closing frame.</summary>
    private static async Task<WebApplication> StartDyingOwnerAsync(int port, TaskCompletionSource received, bool abort = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        app.MapPost(ClusterServer.CallsPath, async context =>
        {
            // As ClusterServer: the headers go out before the first call is read (the caller writes calls only then).
            await context.Response.StartAsync();
            await context.Response.BodyWriter.FlushAsync();
            var read = await context.Request.BodyReader.ReadAsync();
            context.Request.BodyReader.AdvanceTo(read.Buffer.End);
            received.TrySetResult();
            if (abort)
            {
                context.Abort();
            }
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>Opens a connection to the silo on <paramref name="port"/> and sends it one call of the patient grain <paramref name="key"/>.</summary>
    private static (SiloConnection Connection, RecordingSink Sink, GrainRequest Request, Task Call) SendOneCall(HttpClient client, int port, string key)
    {
        var sink = new RecordingSink();
        var router = new CapturingRouter();
        var call = GrainTypeRegistry.ReferenceFactory<IPatientGrain>()(router, new GrainId("test-patient", key))
            .WaitForCancellation(CancellationToken.None);
        var connection = new SiloConnection($"http://127.0.0.1:{port}", client, sink, NullLogger.Instance);
        Assert.True(connection.TrySend(new RemoteCall(router.Request!, long.MaxValue)));
        return (connection, sink, router.Request!, call);
    }

    private static HttpClient NewClient() => new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2) })
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>Keeps the request a reference makes, with its caller's task, instead of routing it.</summary>
    private sealed class CapturingRouter : IGrainCallRouter
    {
        private readonly PendingCalls _pending = new(TimeProvider.System, TimeSpan.FromMinutes(5));

        public GrainRequest? Request { get; private set; }

        public Task<TResult> InvokeAsync<TResult>(GrainId target, GrainRequest<TResult> request)
        {
            request.Target = target;
            Request = request;
            return request.GetResultTask(_pending);
        }
    }

    private sealed class RecordingSink : IRemoteCallSink
    {
        public ConcurrentQueue<string> Retried { get; } = new();

        public TimeProvider Time => TimeProvider.System;

        public void Retry(RemoteCall call, string reason) => Retried.Enqueue(reason);

        public GrainId ExportAddress(GrainId id) => id;
    }
}
