using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using SampleMind.Audio;
using SampleMind.GpuWorker.Separation;
using SampleMind.Grains.Abstractions.Compute;
using SampleMind.Runtime;
using SampleMind.Scheduling;
using SampleMind.Scheduling.Processing;

namespace SampleMind.GpuWorker.Hosting;

/// <summary>
/// Handles <see cref="ComputeKinds.Separate"/> items (item key: the request id): decodes the sample,
/// separates it with <see cref="StemSeparator"/> and writes one 24-bit WAV per stem under
/// <c>&lt;data&gt;/blobs/stems/&lt;sample&gt;/&lt;request&gt;/</c>. A rerun of a done request changes nothing.
/// </summary>
public sealed class SeparateWorkHandler(
    IGrainFactory grains, StemSeparator separator, AudioDecoder decoder, IConfiguration configuration, GpuWorkerStats stats) : IWorkHandler
{
    public async Task<WorkOutcome> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IComputeRequestGrain>(item.ItemKey);
        if (await grain.GetStatus() is { State: ComputeState.Done })
        {
            return WorkOutcome.Success(null);
        }

        var (request, sample, error) = await ComputeAudio.LoadAsync(grains, item.ItemKey);
        if (error is not null)
        {
            await grain.Fail(error);
            return WorkOutcome.Reject(error);
        }

        var target = request!.Target == "vocals" ? SeparationTarget.Vocals : SeparationTarget.AllStems;
        await grain.Start(separator.MethodFor(target));
        var watch = Stopwatch.StartNew();
        try
        {
            var (planar, rate) = await ComputeAudio.DecodePlanarAsync(decoder, sample!.SourcePath, cancellationToken);
            var result = await separator.SeparateAsync(planar, rate, target, cancellationToken);
            var folder = ComputeKinds.FolderFor(configuration["Silo:DataDirectory"] ?? "data", request.Kind, request.SampleId, request.RequestId);
            var files = new List<ComputeFile>(result.StemNames.Count);
            for (var i = 0; i < result.StemNames.Count; i++)
            {
                var name = result.StemNames[i] + ".wav";
                var size = ComputeAudio.WriteWav(Path.Combine(folder, name), result.Stems[i], result.SampleRate);
                files.Add(new ComputeFile(name, size, request.SampleId, null));
            }

            await grain.Complete(result.Method, files);
            stats.Record(result.Method, files.Count, watch.Elapsed);
            return WorkOutcome.Success(null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await grain.Fail(e.Message);
            return WorkOutcome.Reject(e.Message);
        }
    }
}
