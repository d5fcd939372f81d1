using SampleMind.GpuWorker.Inference;
using SampleMind.GpuWorker.Models;

namespace SampleMind.GpuWorker.Separation;

/// <summary>
/// A waveform separation model as a segment processor: input [batch, channels, samples] →
/// output [batch, stems, channels, samples], run in batches gathered across requests.
/// </summary>
internal sealed class OnnxSegmentProcessor : ModelSegmentProcessor
{
    public OnnxSegmentProcessor(ModelManifest model, InferenceSession session, int batchSize, SeparationMeter? meter = null)
        : base(WaveformOnly(model), session, batchSize, meter,
            [model.Channels, model.SegmentLength],
            [model.Stems.Count, model.Channels, model.SegmentLength],
            $"channels {model.Channels}, segmentLength {model.SegmentLength}, {model.Stems.Count} stems")
    {
    }

    public override Task<float[]> ProcessAsync(float[] segment, int channels, int sampleRate, object request, CancellationToken cancellationToken) =>
        Batcher.EnqueueAsync(segment, request, cancellationToken);

    private static ModelManifest WaveformOnly(ModelManifest model) => model.Stft is null
        ? model
        : throw new ArgumentException($"Model {model.Name} works on spectrograms; use {nameof(SpectrogramSegmentProcessor)}.", nameof(model));
}
