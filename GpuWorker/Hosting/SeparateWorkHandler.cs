using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SampleMind.Audio;
using SampleMind.GpuWorker.Separation;
using SampleMind.Grains.Abstractions.Compute;
using SampleMind.Runtime;
using SampleMind.Scheduling;
using SampleMind.Scheduling.Processing;

namespace SampleMind.GpuWorker.Hosting;

/// <summary>
/// Handles <see cref="ComputeKinds.Separate"/> items (item key: the request id): reads the sample
/// block by block, separates it with <see cref="StemSeparator"/> (the request's target and quality)
/// and writes one 24-bit WAV or FLAC file per stem under <c>&lt;blobs&gt;/stems/&lt;sample&gt;/&lt;request&gt;/</c>
/// as the stems come out, so memory stays bounded whatever the file's length (a model that needs
/// another sample rate than the file's gets the file decoded and resampled whole). Progress goes to
/// the request grain every <see cref="ProgressStep"/> of the file; a request cancelled while it runs stops at the next
/// report and its files are deleted, and a failed one leaves no files either (<see cref="ComputeAttempt"/>). A rerun of a
/// done request changes nothing.
/// </summary>
public sealed class SeparateWorkHandler(
    IGrainFactory grains, StemSeparator separator, IOptions<AudioAnalyzerOptions> audio, IConfiguration configuration,
    GpuWorkerStats stats) : IWorkHandler
{
    /// <summary>The share of a file between two progress reports.</summary>
    public const double ProgressStep = 0.05;

    private readonly ComputeAttempt _attempt = new(grains, configuration, stats);

    public Task<WorkOutcome> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _attempt.RunAsync(item.ItemKey, request => separator.MethodFor(Target(request)), async (request, sample, folder, stop) =>
        {
            var quality = request.Quality == "high" ? SeparationQuality.High : SeparationQuality.Fast;
            var format = request.Format == "flac" ? StemFileFormat.Flac : StemFileFormat.Wav;
            var grain = grains.GetGrain<IComputeRequestGrain>(request.RequestId);
            var (method, stems) = await SeparateAsync(grain, sample.SourcePath, folder, Target(request), quality, format, stop);
            return (method, stems.Select(f => new ComputeFile(f.Name, f.SizeBytes, request.SampleId, null)).ToList());
        }, cancellationToken);
    }

    private static SeparationTarget Target(ComputeRequest request) =>
        request.Target == "vocals" ? SeparationTarget.Vocals : SeparationTarget.AllStems;

    private async Task<(string Method, IReadOnlyList<(string Name, long SizeBytes)> Files)> SeparateAsync(
        IComputeRequestGrain grain, string path, string folder, SeparationTarget target, SeparationQuality quality, StemFileFormat format,
        CancellationTokenSource stop)
    {
        var cancellationToken = stop.Token;
        using var file = AudioFileReader.Open(path, audio.Value, cancellationToken);
        var modelRate = separator.SampleRateFor(target);
        if (modelRate != 0 && modelRate != file.SampleRate)
        {
            return await SeparateWholeAsync(file, folder, target, quality, format, cancellationToken);
        }

        var total = file.KnownFrames ?? 0;
        var reported = 0.0;
        using var sink = new StemFileSink(folder, format, file.SampleRate, async frames =>
        {
            var fraction = total > 0 ? Math.Min(1, (double)frames / total) : 0;
            if (fraction - reported >= ProgressStep && fraction < 1)
            {
                reported = fraction;
                await ComputeAudio.ReportProgressAsync(grain, fraction, stop);
            }
        });
        var summary = await separator.SeparateAsync(new AudioFileBlockReader(file), sink, target, cancellationToken, quality);
        return (summary.Method, sink.Finish());
    }

    private async Task<(string Method, IReadOnlyList<(string Name, long SizeBytes)> Files)> SeparateWholeAsync(
        AudioFileReader file, string folder, SeparationTarget target, SeparationQuality quality, StemFileFormat format,
        CancellationToken cancellationToken)
    {
        var planar = ComputeAudio.ReadPlanar(file);
        var result = await separator.SeparateAsync(planar, file.SampleRate, target, cancellationToken, quality);
        using var sink = new StemFileSink(folder, format, result.SampleRate);
        await sink.WriteAsync(new StemBlock(result.StemNames, result.Stems) { Frames = result.Frames }, cancellationToken);
        return (result.Method, sink.Finish());
    }
}
