using Microsoft.Extensions.Configuration;
using SampleMind.Grains.Abstractions.Compute;
using SampleMind.Grains.Abstractions.Samples;
using SampleMind.Runtime;
using SampleMind.Scheduling.Processing;

namespace SampleMind.GpuWorker.Hosting;

/// <summary>
/// One attempt at a compute request, the steps every kind shares around the kind's own work: a done or cancelled
/// request is left as it is; one whose request or sample is gone fails saying so; the request is started (one cancelled
/// meanwhile stops there); the work writes the request's files into its folder and the request completes with them.
/// A request's files are listed only once it completes, so an attempt that ends otherwise deletes its folder: cancelled
/// while it ran (a progress report said so), or failed, whose reason names files as the tenant knows them (the sample's
/// library path, the file's own name) and not where the server keeps them. An attempt stopped because the worker stops
/// is left to the queue's retry, whose run overwrites what this one wrote.
/// </summary>
internal sealed class ComputeAttempt(IGrainFactory grains, IConfiguration configuration, GpuWorkerStats stats)
{
    /// <summary>The kind's work: writes the request's files into <paramref name="folder"/> and says which method made them.</summary>
    public delegate Task<(string Method, IReadOnlyList<ComputeFile> Files)> Work(
        ComputeRequest request, SampleRecord sample, string folder, CancellationTokenSource stop);

    /// <summary>Runs the attempt of the request <paramref name="requestId"/>; <paramref name="method"/> is the method it starts with.</summary>
    public async Task<WorkOutcome> RunAsync(string requestId, Func<ComputeRequest, string> method, Work work, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IComputeRequestGrain>(requestId);
        if (await grain.GetStatus() is { State: ComputeState.Done or ComputeState.Cancelled })
        {
            return WorkOutcome.Success(null);
        }

        var (request, sample, error) = await ComputeAudio.LoadAsync(grains, requestId);
        if (error is not null)
        {
            await grain.Fail(error);
            return WorkOutcome.Reject(error);
        }

        if (await grain.Start(method(request!)) is { State: ComputeState.Cancelled })
        {
            return WorkOutcome.Success(null);
        }

        var folder = ComputeBlobs.FolderFor(configuration, request!);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            var (used, files) = await work(request!, sample!, folder, stop);
            if (await grain.Complete(used, files) is { State: ComputeState.Cancelled })
            {
                // Cancelled while it ran: its files are listed nowhere, so nothing could fetch or delete them.
                ComputeBlobs.DeleteFolder(folder);
            }

            stats.Record(used, files.Count);
            return WorkOutcome.Success(null);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            ComputeBlobs.DeleteFolder(folder);
            return WorkOutcome.Success(null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ComputeBlobs.DeleteFolder(folder);
            var reason = ComputeAudio.Reason(e, sample!).Replace(folder + Path.DirectorySeparatorChar, "", StringComparison.Ordinal);
            await grain.Fail(reason);
            return WorkOutcome.Reject(reason);
        }
    }
}
