using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SampleMind.Runtime.Cluster;
using SampleMind.Scheduling;

namespace SampleMind.Api.Tests.Hosting;

/// <summary>
/// The dashboard snapshot while the work queue's database cannot be reached: the snapshot is served with the queues'
/// last reading and <c>stale</c> naming them, where the failed read made the whole snapshot a 503.
/// </summary>
public sealed class DashboardSnapshotStaleTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_snapshot_whose_queue_read_fails_serves_the_last_queues_marked_stale()
    {
        var unreachable = false;
        using var host = factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            var registered = services.Last(d => d.ServiceType == typeof(IWorkQueue));
            services.AddSingleton(provider => UnreachableDepths.Wrap(
                (IWorkQueue)(registered.ImplementationFactory?.Invoke(provider) ?? registered.ImplementationInstance!), () => Volatile.Read(ref unreachable)));
        }));
        using var admin = factory.CreateAdminClient(host);

        var before = await ApiJson.ReadAsync(await admin.GetAsync("/v1/dashboard/snapshot"));
        Assert.Empty(before["stale"]!.AsArray());

        Volatile.Write(ref unreachable, true);
        var response = await admin.GetAsync("/v1/dashboard/snapshot");
        Assert.Equal(200, (int)response.StatusCode);
        var during = await ApiJson.ReadAsync(response);
        Assert.Equal(["queues"], during["stale"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.True(JsonNode.DeepEquals(before["queues"], during["queues"]), $"the last queues reading, got {during["queues"]}");

        Volatile.Write(ref unreachable, false);
        var after = await ApiJson.ReadAsync(await admin.GetAsync("/v1/dashboard/snapshot"));
        Assert.Empty(after["stale"]!.AsArray());
    }

    /// <summary>The host's queue, whose depth read fails as with its database away while the test says so.</summary>
    public class UnreachableDepths : DispatchProxy
    {
        private IWorkQueue _inner = null!;
        private Func<bool> _unreachable = null!;

        public static IWorkQueue Wrap(IWorkQueue inner, Func<bool> unreachable)
        {
            var queue = Create<IWorkQueue, UnreachableDepths>();
            var proxy = (UnreachableDepths)(object)queue;
            proxy._inner = inner;
            proxy._unreachable = unreachable;
            return queue;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod!.Name == nameof(IWorkQueue.GetDepthsAsync) && _unreachable())
            {
                return Task.FromException<IReadOnlyList<WorkRoleDepth>>(new StorageUnavailableException("The work queue's database could not be reached."));
            }

            try
            {
                return targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                ExceptionDispatchInfo.Throw(e.InnerException);
                throw;
            }
        }
    }
}
