using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SampleMind.Audio.Dsp;
using SampleMind.GpuWorker.Models;
using SampleMind.GpuWorker.Separation.Dsp;

namespace SampleMind.GpuWorker.Separation;

/// <summary>
/// Separates audio into stems with the installed separation model (segments batched across
/// concurrent requests, joined by overlap-add), or, when none is installed, with a DSP method that
/// says so in the result: HPSS for harmonic/percussive stems, REPET for vocals/accompaniment.
/// </summary>
public sealed class StemSeparator : IAsyncDisposable
{
    private readonly ModelRegistry _registry;
    private readonly SeparationOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Lazy<ModelSegmentProcessor>> _models = new(StringComparer.Ordinal);

    public StemSeparator(ModelRegistry registry, IOptions<SeparationOptions> options, ILogger<StemSeparator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        _registry = registry;
        _options = options.Value;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        if (_options.ModelName is { } name && !registry.Models.Any(m => m.Task == ModelTask.Separate && m.Name == name))
        {
            GpuWorkerLog.ModelNameUnknown(_logger, name,
                string.Join(", ", registry.Models.Where(m => m.Task == ModelTask.Separate).Select(m => m.Name).DefaultIfEmpty("none")));
        }
    }

    /// <summary>What the device did since start: batches (model) or segments (DSP), busy time.</summary>
    public SeparationMeter Meter { get; } = new();

    /// <summary>The method a separation for <paramref name="target"/> would use now, e.g. "dsp-hpss".</summary>
    public string MethodFor(SeparationTarget target) => Choose(target, SeparationQuality.Fast).Method;

    /// <summary>
    /// The sample rate the separation for <paramref name="target"/> needs its input at, or 0 when it
    /// takes any (the DSP methods).
    /// </summary>
    public int SampleRateFor(SeparationTarget target) => Choose(target, SeparationQuality.Fast).SampleRate;

    /// <summary>Separates planar audio ([channel][sample]) held in memory; the stems have its rate and length.</summary>
    public async Task<SeparationResult> SeparateAsync(float[][] audio, int sampleRate, SeparationTarget target = SeparationTarget.AllStems,
        CancellationToken cancellationToken = default, SeparationQuality quality = SeparationQuality.Fast)
    {
        var input = new PlanarAudioReader(audio, sampleRate);
        var processor = Choose(target, quality);
        var rate = processor.SampleRate == 0 ? sampleRate : processor.SampleRate;
        var working = rate == sampleRate ? input : new PlanarAudioReader(Resample(audio, sampleRate, rate), rate);
        var sink = new CollectingStemSink(processor.StemNames.Count, audio.Length, working.Frames);
        await RunAsync(processor, working, sink, cancellationToken);
        var stems = sink.Stems;
        if (rate != sampleRate)
        {
            stems = stems.Select(stem => FitLength(Resample(stem, rate, sampleRate), input.Frames)).ToArray();
        }

        return new SeparationResult(processor.Method, processor.StemNames, stems, sampleRate, Describe(processor, rate));
    }

    /// <summary>
    /// Separates audio read block by block and writes the stems block by block: memory stays bounded
    /// by the segment length and the segments in flight, whatever the length of the audio. The
    /// audio must be at the model's sample rate (any rate for the DSP methods).
    /// </summary>
    public async Task<SeparationSummary> SeparateAsync(IAudioBlockReader reader, IStemSink sink,
        SeparationTarget target = SeparationTarget.AllStems, CancellationToken cancellationToken = default,
        SeparationQuality quality = SeparationQuality.Fast)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sink);
        var processor = Choose(target, quality);
        var (frames, segments) = await RunAsync(processor, reader, sink, cancellationToken);
        return new SeparationSummary(processor.Method, processor.StemNames, frames, segments, Describe(processor, reader.SampleRate));
    }

    internal ISegmentProcessor Choose(SeparationTarget target, SeparationQuality quality)
    {
        var model = _registry.Models.FirstOrDefault(m =>
            m.Task == ModelTask.Separate
            && (_options.ModelName is null || m.Name == _options.ModelName)
            && (target == SeparationTarget.AllStems || m.Stems.Contains("vocals")));
        if (model is not null)
        {
            var processor = _models.GetOrAdd(model.Name, _ => new Lazy<ModelSegmentProcessor>(() => Open(model))).Value;
            return quality == SeparationQuality.High ? new WiderOverlap(processor) : processor;
        }

        var options = _options.ForQuality(quality);
        return target == SeparationTarget.Vocals
            ? new MeteredDsp(new RepetSegmentProcessor(options), Meter)
            : new MeteredDsp(new HpssSegmentProcessor(options), Meter);
    }

    private ModelSegmentProcessor Open(ModelManifest model) => model.Stft is null
        ? new OnnxSegmentProcessor(model, _registry.GetSession(model), _options.BatchSize, Meter)
        : new SpectrogramSegmentProcessor(model, _registry.GetSession(model), _options.BatchSize, Meter);

    private async Task<(long Frames, int Segments)> RunAsync(ISegmentProcessor processor, IAudioBlockReader reader, IStemSink sink,
        CancellationToken cancellationToken)
    {
        GpuWorkerLog.SeparationStarted(_logger, (reader as PlanarAudioReader)?.Frames ?? -1, reader.SampleRate, processor.Method);
        var pipeline = new OverlapAddPipeline(processor, reader, sink);
        var inFlight = processor is not MeteredDsp
            ? _options.MaxSegmentsInFlight
            : Math.Min(_options.MaxSegmentsInFlight, Math.Clamp(Environment.ProcessorCount, 1, 4));
        var (frames, segments) = await pipeline.RunAsync(inFlight, cancellationToken);
        GpuWorkerLog.SeparationFinished(_logger, frames, processor.Method, processor.StemNames.Count, segments);
        return (frames, segments);
    }

    private string Describe(ISegmentProcessor processor, int sampleRate)
    {
        var segments = $"{processor.SegmentLength(sampleRate) / (double)sampleRate:0.##} s segments, " +
            $"{processor.OverlapLength(sampleRate) / (double)sampleRate:0.##} s {processor.Transition} cross-fade";
        return processor switch
        {
            MeteredDsp dsp => $"{dsp.Inner.Description}; {segments}",
            WiderOverlap wider => $"separation model {wider.Model.Model.Name}{wider.Model.Detail}; {segments}; batches of up to {_options.BatchSize}; high quality (twice the overlap)",
            ModelSegmentProcessor model => $"separation model {model.Model.Name}{model.Detail}; {segments}; batches of up to {_options.BatchSize}",
            _ => $"{processor.Method}; {segments}",
        };
    }

    private static float[][] Resample(float[][] planar, int from, int to)
    {
        var channels = planar.Length;
        var frames = planar[0].Length;
        var interleaved = new float[channels * frames];
        for (var c = 0; c < channels; c++)
        {
            for (var i = 0; i < frames; i++)
            {
                interleaved[(i * channels) + c] = planar[c][i];
            }
        }

        var resampled = Resampler.Resample(interleaved, channels, from, to);
        var outFrames = resampled.Length / channels;
        var result = new float[channels][];
        for (var c = 0; c < channels; c++)
        {
            result[c] = new float[outFrames];
            for (var i = 0; i < outFrames; i++)
            {
                result[c][i] = resampled[(i * channels) + c];
            }
        }

        return result;
    }

    private static float[][] FitLength(float[][] planar, int frames) =>
        planar.Select(channel =>
        {
            var fitted = new float[frames];
            channel.AsSpan(0, Math.Min(frames, channel.Length)).CopyTo(fitted);
            return fitted;
        }).ToArray();

    /// <summary>A model's processor with twice its overlap (at least a quarter, at most half a segment): the high-quality preset.</summary>
    private sealed class WiderOverlap(ModelSegmentProcessor model) : ISegmentProcessor
    {
        public ModelSegmentProcessor Model => model;

        public string Method => model.Method;

        public IReadOnlyList<string> StemNames => model.StemNames;

        public int Channels => model.Channels;

        public int SampleRate => model.SampleRate;

        public TransitionWindow Transition => model.Transition;

        public int SegmentLength(int sampleRate) => model.SegmentLength(sampleRate);

        public int OverlapLength(int sampleRate) =>
            Math.Min(Math.Max(model.OverlapLength(sampleRate) * 2, model.SegmentLength(sampleRate) / 4), model.SegmentLength(sampleRate) / 2);

        public Task<float[]> ProcessAsync(float[] segment, int channels, int sampleRate, object request, CancellationToken cancellationToken) =>
            model.ProcessAsync(segment, channels, sampleRate, request, cancellationToken);
    }

    /// <summary>A DSP processor whose segments count as device runs in the meter (a segment is a batch of one).</summary>
    private sealed class MeteredDsp(DspSegmentProcessor inner, SeparationMeter meter) : ISegmentProcessor
    {
        public DspSegmentProcessor Inner => inner;

        public string Method => inner.Method;

        public IReadOnlyList<string> StemNames => inner.StemNames;

        public int Channels => inner.Channels;

        public int SampleRate => inner.SampleRate;

        public TransitionWindow Transition => inner.Transition;

        public int SegmentLength(int sampleRate) => inner.SegmentLength(sampleRate);

        public int OverlapLength(int sampleRate) => inner.OverlapLength(sampleRate);

        public async Task<float[]> ProcessAsync(float[] segment, int channels, int sampleRate, object request, CancellationToken cancellationToken)
        {
            using var running = meter.Run(1, 1);
            return await inner.ProcessAsync(segment, channels, sampleRate, request, cancellationToken);
        }
    }

    /// <summary>Stops the model batchers once their queued segments are done.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var lazy in _models.Values)
        {
            if (lazy.IsValueCreated)
            {
                await lazy.Value.DisposeAsync();
            }
        }
    }
}
