using SampleMind.Runtime.Diagnostics;
using SampleMind.Runtime.Activation;
using SampleMind.Runtime.Cluster.Placement;
using SampleMind.Runtime.Cluster.Transport;
using SampleMind.Runtime.Hosting;
using SampleMind.Runtime.Invocation;

namespace SampleMind.Runtime.Cluster;

/// <summary>
/// Cluster mode's router: a grain whose partition this silo serves runs in the local catalog; any
/// other goes over HTTP/2 to the partition's owner from the route cache. A call that finds no
/// owner, or an owner that answers "not owner", refreshes the cache and retries with backoff,
/// within <see cref="ClusterOptions.EffectiveRetryTimeout"/>. Observer references carry their home
/// silo's address and go straight there.
/// </summary>
internal sealed class ClusterGrainCallRouter(SiloRuntime runtime, Func<ClusterSilo> cluster) : IGrainCallRouter, IRemoteCallSink
{
    private ClusterSilo? _cluster;

    private ClusterSilo Cluster => _cluster ??= cluster();

    public Task<TResult> InvokeAsync<TResult>(GrainId target, GrainRequest<TResult> request)
    {
        request.Target = target;
        var parent = GrainRequest.Current;
        if (parent is not null)
        {
            request.Parent = parent;
            parent.Awaiting = request;
        }

        RuntimeTracing.StartClient(request, runtime.Options.SiloId);

        Route(request, null);
        return request.GetResultTask(runtime.PendingCalls);
    }

    /// <summary>Delivers a call (again): locally when this silo serves its partition, else to the owner.</summary>
    public void Route(GrainRequest request, RemoteCall? call)
    {
        var target = request.Target;
        if (target.Type == Catalog.ObserverType)
        {
            RouteObserver(request, call);
            return;
        }

        var cluster = Cluster;
        var ring = Rings.RingOf(target.Type);
        var partition = Rings.PartitionOf(target.Type, target.Key, cluster.Partitions.Partitions);
        if (cluster.Partitions.TryServe(ring, partition))
        {
            DispatchLocal(request, call);
            return;
        }

        var owner = cluster.Routes.Owner(ring, partition);
        if (owner is null || owner.Instance == cluster.Partitions.Instance)
        {
            call ??= NewCall(request);
            if (cluster.Routes.Members(ring).Count == 0 && call.Attempt >= 2)
            {
                request.TryFail(new SiloUnavailableException(
                    $"No live silo has the role '{Rings.All[ring]}' that grain type {target.Type} is placed on ([RolePlacement]); {request} cannot run until one joins."));
                return;
            }

            Retry(call, $"no silo owns partition {Rings.All[ring]}/{partition} yet");
            return;
        }

        Send(owner.Address, call ?? NewCall(request));
    }

    private void DispatchLocal(GrainRequest request, RemoteCall? call)
    {
        try
        {
            request.CopyArgumentsForLocalCall();
            runtime.Catalog.Dispatch(request, allowInline: call is null);
        }
        catch (NotOwnerException ex)
        {
            Retry(call ?? NewCall(request), ex.Message);
        }
        catch (Exception ex)
        {
            request.TryFail(ex);
        }
    }

    private void RouteObserver(GrainRequest request, RemoteCall? call)
    {
        var local = Cluster.ImportAddress(request.Target);
        var at = local.Key.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            request.Target = local;
            DispatchLocal(request, call);
            return;
        }

        Send(local.Key[(at + 1)..], call ?? NewCall(request));
    }

    private void Send(string address, RemoteCall call)
    {
        for (var i = 0; i < 3; i++)
        {
            if (Cluster.Connection(address).TrySend(call))
            {
                return;
            }
        }

        Retry(call, $"could not open a stream to {address}");
    }

    private RemoteCall NewCall(GrainRequest request) =>
        new(request, runtime.Time.GetTimestamp() + (long)(Cluster.Options.EffectiveRetryTimeout.TotalSeconds * runtime.Time.TimestampFrequency));

    /// <summary>Tries a call gets even after its retry budget has passed.</summary>
    private const int MinimumAttempts = 4;

    public void Retry(RemoteCall call, string reason)
    {
        call.Attempt++;
        call.LastFailure = reason;

        // The budget runs from the first send, so a call that waited it out in a stream to a busy owner that then
        // handed it back unread (never run) still gets a few quick tries at the new owner before it fails.
        if (runtime.Time.GetTimestamp() > call.Deadline && call.Attempt > MinimumAttempts)
        {
            call.Request.TryFail(new SiloUnavailableException(
                $"{call.Request} found no silo to run it within {Cluster.Options.EffectiveRetryTimeout.TotalSeconds:0.#} s ({call.Attempt} attempts); last: {reason}."));
            return;
        }

        Cluster.RequestRefresh();
        _ = RetryLaterAsync(call, TimeSpan.FromMilliseconds(Math.Min(5 << Math.Min(call.Attempt, 6), 250)));
    }

    private async Task RetryLaterAsync(RemoteCall call, TimeSpan delay)
    {
        await Task.Delay(delay, runtime.Time).ConfigureAwait(false);
        if (!call.Request.IsCompleted)
        {
            Route(call.Request, call);
        }
    }

    public GrainId ExportAddress(GrainId id) => Cluster.ExportAddress(id);

    public TimeProvider Time => runtime.Time;
}
