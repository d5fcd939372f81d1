using System.Globalization;
using Microsoft.Extensions.Configuration;
using SampleMind.Audio;
using SampleMind.GpuWorker.Variations;
using SampleMind.Grains.Abstractions.Compute;
using SampleMind.Runtime;
using SampleMind.Scheduling;
using SampleMind.Scheduling.Processing;

namespace SampleMind.GpuWorker.Hosting;

/// <summary>
/// Handles <see cref="ComputeKinds.Vary"/> items (item key: the request id): makes the asked number
/// of variations with <see cref="SampleVariator"/> (each seeded by request id and number,
/// <see cref="VariationRequest.SeedFor"/>), writes each as 24-bit WAV under
/// <c>&lt;data&gt;/blobs/variations/&lt;sample&gt;/&lt;request&gt;/</c>, analyses it (standard level)
/// and links it to the source sample; progress is reported after each variation but the last, and a request cancelled
/// while it runs stops there (its files deleted). A rerun of a done
/// request changes nothing; a failed one leaves no files.
/// </summary>
public sealed class VaryWorkHandler(
    IGrainFactory grains, SampleVariator variator, AudioDecoder decoder, AudioAnalyzer analyzer,
    IConfiguration configuration, GpuWorkerStats stats) : IWorkHandler
{
    private readonly ComputeAttempt _attempt = new(grains, configuration, stats);

    public Task<WorkOutcome> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _attempt.RunAsync(item.ItemKey, _ => variator.Method, async (request, sample, folder, stop) =>
        {
            var grain = grains.GetGrain<IComputeRequestGrain>(request.RequestId);
            var (planar, rate) = await ComputeAudio.DecodePlanarAsync(decoder, sample.SourcePath, stop.Token);
            var files = new List<ComputeFile>(request.Count);
            var method = variator.Method;
            for (var n = 1; n <= request.Count; n++)
            {
                var variation = await variator.VaryAsync(planar, rate, new VariationRequest
                {
                    Seed = VariationRequest.SeedFor(request.RequestId, n),
                    Variance = (float)request.Variance,
                    PitchSemitones = request.PitchSemitones,
                    TimeRatio = request.TimeRatio,
                }, stop.Token);
                method = variation.Method;
                if (variation.Audio.Length == 0 || variation.Audio[0].Length == 0)
                {
                    throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                        $"'variation-{n}.wav' came out empty: this sample ({planar[0].Length} frames at {rate} Hz) is too short for the " +
                        $"time stretch to leave any audio ({StretchAdvice(request.TimeRatio)}, or use a longer sample)."));
                }

                var path = Path.Combine(folder, $"variation-{n}.wav");
                var size = ComputeAudio.WriteWav(path, variation.Audio, variation.SampleRate);
                var analysis = await analyzer.AnalyzeFileAsync(path, AnalysisLevel.Standard, stop.Token);
                files.Add(new ComputeFile(Path.GetFileName(path), size, request.SampleId, analysis));
                if (n < request.Count)
                {
                    await ComputeAudio.ReportProgressAsync(grain, (double)n / request.Count, stop);
                }
            }

            return (method, files);
        }, cancellationToken);
    }

    /// <summary>What to change for a longer output: the stretch asked for, or the one <c>variance</c> picks without it.</summary>
    private static string StretchAdvice(double? timeRatio) =>
        timeRatio is null ? "ask for a smaller 'variance', whose random stretch this was" : "ask for a 'timeRatio' nearer 1";
}
