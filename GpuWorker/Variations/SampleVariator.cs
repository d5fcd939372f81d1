using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SampleMind.GpuWorker.Models;
using SampleMind.GpuWorker.Separation;

namespace SampleMind.GpuWorker.Variations;

/// <summary>
/// Makes variations of a sample: with the installed generative model (manifest task "generate"),
/// run in overlapping segments; without one, with DSP changes that keep the sample's character
/// (time/pitch, filter, envelope, slice re-sequencing for loops). The result names its method.
/// </summary>
public sealed class SampleVariator
{
    /// <summary>The method name of DSP-made variations.</summary>
    public const string DspMethod = "dsp";

    private readonly ModelRegistry _registry;
    private readonly ILogger _logger;

    public SampleVariator(ModelRegistry registry, ILogger<SampleVariator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The method a variation would use now: "dsp" or "model:" + the model's name.</summary>
    public string Method => _registry.Find(ModelTask.Generate) is { } model ? SeparationMethods.Model(model.Name) : DspMethod;

    /// <summary>Makes one variation of planar audio ([channel][sample]).</summary>
    public async Task<VariationResult> VaryAsync(float[][] audio, int sampleRate, VariationRequest? request = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        request ??= new VariationRequest();
        var input = new PlanarAudioReader(audio, sampleRate);
        var result = _registry.Find(ModelTask.Generate) is { } model
            ? await GenerateAsync(model, input, audio, sampleRate, request, cancellationToken)
            : await Task.Run(() => Dsp(audio, sampleRate, request), cancellationToken);
        GpuWorkerLog.VariationMade(_logger, result.Method, result.Description);
        return result;
    }

    private static VariationResult Dsp(float[][] audio, int sampleRate, VariationRequest request)
    {
        var (output, steps) = DspVariations.Apply(audio, sampleRate, request);
        return new VariationResult(DspMethod, output, sampleRate, steps);
    }

    private async Task<VariationResult> GenerateAsync(ModelManifest model, PlanarAudioReader input, float[][] audio, int sampleRate,
        VariationRequest request, CancellationToken cancellationToken)
    {
        if (model.SampleRate != sampleRate)
        {
            throw new NotSupportedException($"Generative model {model.Name} works at {model.SampleRate} Hz but the sample is {sampleRate} Hz.");
        }

        var processor = new GeneratorSegmentProcessor(model, _registry.GetSession(model), request);
        var sink = new CollectingStemSink(1, audio.Length, input.Frames);
        await new OverlapAddPipeline(processor, input, sink).RunAsync(2, cancellationToken);
        var output = sink.Stems[0];
        var steps = new List<string> { $"generative model {model.Name}, variance {request.Variance:0.###}, seed {request.Seed}" };
        if (request.TimeRatio is not null || request.PitchSemitones is not null)
        {
            var ratio = request.TimeRatio ?? 1;
            var semitones = request.PitchSemitones ?? 0;
            output = TimePitchProcessor.Apply(output, sampleRate, ratio, semitones);
            steps.Add($"time ratio {ratio:0.000} and pitch shift {semitones:+0.##;-0.##;0} semitones (Rubber Band R3)");
        }

        return new VariationResult(processor.Method, output, sampleRate, steps);
    }
}
