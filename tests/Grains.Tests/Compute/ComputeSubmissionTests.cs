using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SampleMind.Grains.Abstractions.Compute;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Grains.Hosting;
using SampleMind.Runtime;
using SampleMind.Scheduling;
using SampleMind.TestSupport;

namespace SampleMind.Grains.Tests.Compute;

/// <summary>
/// Submitting a compute request on an embedded silo (SQLite state, queue and reminders; the api role only, so no worker
/// takes the items): one use charged, one item queued, whatever fails between the two.
/// </summary>
public sealed class ComputeSubmissionTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("samplemind-compute-submit-").FullName;
    private IHost? _host;

    private IGrainFactory Grains => _host!.Services.GetRequiredService<IGrainFactory>();

    private IWorkQueue Queue => _host!.Services.GetRequiredService<IWorkQueue>();

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Silo:DataDirectory"] = Path.Combine(_dir, "data"),
            ["Silo:Roles:0"] = "api",
        });
        builder.Services.AddSampleMindGrains(builder.Configuration);
        var real = builder.Services.Single(d => d.ServiceType == typeof(IWorkQueue));
        builder.Services.Remove(real);
        builder.Services.AddSingleton(services => FirstJobFails.Wrap((IWorkQueue)real.ImplementationFactory!(services)));
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host!.StopAsync();
        _host.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_submission_that_fails_after_its_charge_is_queued_by_its_reminder_and_charged_once()
    {
        var tenant = await CreateTenantAsync("t-crash");
        var request = Request("t-crash");

        // The queue refuses the first job it is given: the submission stops after the charge and before the item.
        var error = await Assert.ThrowsAsync<IOException>(() => Grains.GetGrain<IComputeRequestGrain>(request.RequestId)
            .Submit(request, UsageMeter.StemSeparations));

        Assert.Equal(FirstJobFails.Message, error.Message);
        Assert.Equal(ComputeState.Queued, (await Grains.GetGrain<IComputeRequestGrain>(request.RequestId).GetStatus())?.State);
        Assert.Null(await Queue.GetJobCountsAsync(request.RequestId));
        await Eventually.HoldsAsync(async () => await Queue.GetJobCountsAsync(request.RequestId) is { Enqueued: 1 },
            TimeSpan.FromSeconds(60), "the submission's reminder to queue the request");
        Assert.Equal(1, (await tenant.GetUsage()).Used[UsageMeter.StemSeparations]);

        // Submitting again (the reminder already finished it) neither charges nor queues again.
        var again = await Grains.GetGrain<IComputeRequestGrain>(request.RequestId).Submit(request, UsageMeter.StemSeparations);
        Assert.Equal(ComputeState.Queued, again.Status?.State);
        Assert.Equal(1, (await Queue.GetJobCountsAsync(request.RequestId))!.Enqueued);
        Assert.Equal(1, (await tenant.GetUsage()).Used[UsageMeter.StemSeparations]);
    }

    [Fact]
    public async Task A_submission_past_the_quota_is_refused_and_leaves_no_request()
    {
        var tenant = await CreateTenantAsync("t-quota");
        var limit = TenantPlan.Free.MonthlyStemSeparations!.Value;
        var submitted = new List<ComputeSubmission>();

        // The queue's one refusal falls on the first request: charged, and queued later by its reminder.
        var first = Request("t-quota");
        await Assert.ThrowsAsync<IOException>(() => Grains.GetGrain<IComputeRequestGrain>(first.RequestId).Submit(first, UsageMeter.StemSeparations));
        for (var i = 1; i < limit; i++)
        {
            var request = Request("t-quota");
            submitted.Add(await Grains.GetGrain<IComputeRequestGrain>(request.RequestId).Submit(request, UsageMeter.StemSeparations));
        }

        var refused = Request("t-quota");
        var refusal = await Grains.GetGrain<IComputeRequestGrain>(refused.RequestId).Submit(refused, UsageMeter.StemSeparations);

        Assert.All(submitted, s => Assert.Equal(ComputeState.Queued, s.Status?.State));
        Assert.Null(refusal.Status);
        Assert.Equal(0, refusal.Refusal?.Granted);
        Assert.Equal(limit, refusal.Refusal?.Used);
        Assert.Null(await Grains.GetGrain<IComputeRequestGrain>(refused.RequestId).GetStatus());
        Assert.Null(await Queue.GetJobCountsAsync(refused.RequestId));
        Assert.Equal(limit, (await tenant.GetUsage()).Used[UsageMeter.StemSeparations]);
    }

    [Fact]
    public async Task A_failed_request_gives_its_use_back_once_and_a_done_one_keeps_it()
    {
        var tenant = await CreateTenantAsync("t-refund");
        var first = Request("t-refund");
        await Assert.ThrowsAsync<IOException>(() => Grains.GetGrain<IComputeRequestGrain>(first.RequestId).Submit(first, UsageMeter.StemSeparations));
        var failing = Request("t-refund");
        var done = Request("t-refund");
        var grain = Grains.GetGrain<IComputeRequestGrain>(failing.RequestId);
        await grain.Submit(failing, UsageMeter.StemSeparations);
        await Grains.GetGrain<IComputeRequestGrain>(done.RequestId).Submit(done, UsageMeter.StemSeparations);
        Assert.Equal(3, (await tenant.GetUsage()).Used[UsageMeter.StemSeparations]);

        var failed = await grain.Fail("the audio could not be decoded");
        var again = await grain.Fail("the audio could not be decoded");
        await Grains.GetGrain<IComputeRequestGrain>(done.RequestId).Complete("dsp-hpss", []);
        var late = await Grains.GetGrain<IComputeRequestGrain>(done.RequestId).Fail("a late failure");

        Assert.Equal((ComputeState.Failed, true), (failed!.State, failed.Refunded));
        Assert.True(again!.Refunded);
        Assert.Equal((ComputeState.Done, false), (late!.State, late.Refunded));
        Assert.Equal(2, (await tenant.GetUsage()).Used[UsageMeter.StemSeparations]);
    }

    private static ComputeRequest Request(string tenantId) =>
        new(Guid.NewGuid().ToString("N"), tenantId, "s-1", ComputeKinds.Separate, 2, "hpss", "fast", 0, 0, null, null, DateTimeOffset.UtcNow);

    private async Task<ITenantGrain> CreateTenantAsync(string tenantId)
    {
        var tenant = Grains.GetGrain<ITenantGrain>(tenantId);
        await tenant.Create(tenantId, TenantPlan.Free.Name);
        return tenant;
    }

    /// <summary>A work queue whose first job registration throws, as a process stopped at that point would leave it.</summary>
    public class FirstJobFails : DispatchProxy
    {
        public const string Message = "the work queue is unreachable (injected)";
        private IWorkQueue? _inner;
        private int _refused;

        public static IWorkQueue Wrap(IWorkQueue inner)
        {
            var proxy = Create<IWorkQueue, FirstJobFails>();
            ((FirstJobFails)(object)proxy)._inner = inner;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod!.Name == nameof(IWorkQueue.RegisterJobAsync) && Interlocked.Exchange(ref _refused, 1) == 0)
            {
                return Task.FromException<bool>(new IOException(Message));
            }

            try
            {
                return targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw e.InnerException;
            }
        }
    }
}
