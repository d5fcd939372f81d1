using SampleMind.GpuWorker.Inference;
using SampleMind.GpuWorker.Models;

namespace SampleMind.GpuWorker.Separation;

/// <summary>
/// A separation model as a segment processor: input [batch, channels, samples] →
/// output [batch, stems, channels, samples], run in batches gathered across requests.
/// </summary>
internal sealed class OnnxSegmentProcessor : ISegmentProcessor, IAsyncDisposable
{
    private readonly ModelManifest _model;
    private readonly InferenceSession _session;
    private readonly int _fixedBatch;

    public OnnxSegmentProcessor(ModelManifest model, InferenceSession session, int batchSize, SeparationMeter? meter = null)
    {
        if (model.Stft is not null)
        {
            throw new NotSupportedException(
                $"Model {model.Name} works on spectrograms; this worker runs waveform separation models only.");
        }

        _model = model;
        _session = session;
        var batchDimension = session.Inputs.First(i => i.Name == model.Inputs[0]).Shape.FirstOrDefault(-1);
        _fixedBatch = batchDimension > 0 ? (int)batchDimension : 0;
        Batcher = new SegmentBatcher(RunBatch, _fixedBatch > 0 ? Math.Min(batchSize, _fixedBatch) : batchSize, meter);
    }

    public SegmentBatcher Batcher { get; }

    public string Method => SeparationMethods.Model(_model.Name);

    public IReadOnlyList<string> StemNames => _model.Stems;

    public int Channels => _model.Channels;

    public int SampleRate => _model.SampleRate;

    public TransitionWindow Transition => _model.Transition;

    public int SegmentLength(int sampleRate) => _model.SegmentLength;

    public int OverlapLength(int sampleRate) => _model.OverlapLength;

    public Task<float[]> ProcessAsync(float[] segment, int channels, int sampleRate, object request, CancellationToken cancellationToken) =>
        Batcher.EnqueueAsync(segment, request, cancellationToken);

    private IReadOnlyList<float[]> RunBatch(IReadOnlyList<float[]> segments)
    {
        var segmentSize = _model.Channels * _model.SegmentLength;
        var batch = Math.Max(segments.Count, _fixedBatch);
        var input = new float[batch * segmentSize];
        for (var i = 0; i < segments.Count; i++)
        {
            segments[i].CopyTo(input, i * segmentSize);
        }

        var output = _session.Run(_model.Inputs[0], new FloatTensor(input, batch, _model.Channels, _model.SegmentLength), _model.Outputs[0]);
        var expected = new long[] { batch, _model.Stems.Count, _model.Channels, _model.SegmentLength };
        if (!output.Shape.SequenceEqual(expected))
        {
            throw new InvalidOperationException(
                $"Model {_model.Name} returned {output} for {segments.Count} segments; expected float[{string.Join(", ", expected)}].");
        }

        var stemsSize = _model.Stems.Count * segmentSize;
        var results = new float[segments.Count][];
        for (var i = 0; i < segments.Count; i++)
        {
            results[i] = output.Data.Span.Slice(i * stemsSize, stemsSize).ToArray();
        }

        return results;
    }

    public ValueTask DisposeAsync() => Batcher.DisposeAsync();
}
