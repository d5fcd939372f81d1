using SampleMind.GpuWorker.Inference;
using SampleMind.GpuWorker.Models;

namespace SampleMind.GpuWorker.Separation;

/// <summary>
/// What the model-backed segment processors share: the manifest's segment geometry, and one
/// <see cref="SegmentBatcher"/> per model that runs items gathered across requests as one batch
/// (padded to the model's batch size when that is fixed). Subclasses say what an item is (the
/// segment itself, or its magnitude spectrogram) and how the model's output becomes stems.
/// </summary>
internal abstract class ModelSegmentProcessor : ISegmentProcessor, IAsyncDisposable
{
    private readonly InferenceSession _session;
    private readonly long[] _itemShape;
    private readonly long[] _outputItemShape;
    private readonly int _itemSize;
    private readonly int _outputItemSize;
    private readonly int _fixedBatch;

    /// <summary>
    /// Checks the session's first input and output against the item shapes (every fixed dimension
    /// must match) and starts the batcher; <paramref name="itemShape"/> and
    /// <paramref name="outputItemShape"/> are one item's input and output without the batch axis;
    /// <paramref name="shapeSource"/> says which manifest fields give them (for the error).
    /// </summary>
    /// <exception cref="ModelManifestException">The model's tensors disagree with the manifest.</exception>
    protected ModelSegmentProcessor(ModelManifest model, InferenceSession session, int batchSize, SeparationMeter? meter,
        long[] itemShape, long[] outputItemShape, string shapeSource)
    {
        Model = model;
        _session = session;
        _itemShape = itemShape;
        _outputItemShape = outputItemShape;
        _itemSize = checked((int)itemShape.Aggregate(1L, (a, b) => a * b));
        _outputItemSize = checked((int)outputItemShape.Aggregate(1L, (a, b) => a * b));
        var input = session.Inputs.First(i => i.Name == model.Inputs[0]);
        var output = session.Outputs.First(o => o.Name == model.Outputs[0]);
        CheckShape(input, itemShape, "input", shapeSource);
        CheckShape(output, outputItemShape, "output", shapeSource);
        var batchDimension = input.Shape.FirstOrDefault(-1);
        _fixedBatch = batchDimension > 0 ? (int)batchDimension : 0;
        Batcher = new SegmentBatcher(RunBatch, _fixedBatch > 0 ? Math.Min(batchSize, _fixedBatch) : batchSize, meter);
    }

    /// <summary>The model's manifest.</summary>
    public ModelManifest Model { get; }

    /// <summary>The batcher every request's items go through.</summary>
    public SegmentBatcher Batcher { get; }

    /// <summary>What the processor adds to a separation's description (empty for waveform models).</summary>
    public virtual string Detail => string.Empty;

    public string Method => SeparationMethods.Model(Model.Name);

    public IReadOnlyList<string> StemNames => Model.Stems;

    public int Channels => Model.Channels;

    public int SampleRate => Model.SampleRate;

    public TransitionWindow Transition => Model.Transition;

    public int SegmentLength(int sampleRate) => Model.SegmentLength;

    public int OverlapLength(int sampleRate) => Model.OverlapLength;

    public abstract Task<float[]> ProcessAsync(float[] segment, int channels, int sampleRate, object request, CancellationToken cancellationToken);

    private IReadOnlyList<float[]> RunBatch(IReadOnlyList<float[]> items)
    {
        var batch = Math.Max(items.Count, _fixedBatch);
        var input = new float[batch * _itemSize];
        for (var i = 0; i < items.Count; i++)
        {
            items[i].CopyTo(input, i * _itemSize);
        }

        var output = _session.Run(Model.Inputs[0], new FloatTensor(input, [batch, .. _itemShape]), Model.Outputs[0]);
        long[] expected = [batch, .. _outputItemShape];
        if (!output.Shape.SequenceEqual(expected))
        {
            throw new InvalidOperationException(
                $"Model {Model.Name} returned {output} for {items.Count} items; expected float[{string.Join(", ", expected)}].");
        }

        var results = new float[items.Count][];
        for (var i = 0; i < items.Count; i++)
        {
            results[i] = output.Data.Span.Slice(i * _outputItemSize, _outputItemSize).ToArray();
        }

        return results;
    }

    private void CheckShape(TensorInfo tensor, long[] itemShape, string role, string shapeSource)
    {
        var fits = tensor.Shape.Count == itemShape.Length + 1;
        for (var d = 1; fits && d < tensor.Shape.Count; d++)
        {
            fits = tensor.Shape[d] <= 0 || tensor.Shape[d] == itemShape[d - 1];
        }

        if (!fits)
        {
            throw new ModelManifestException(
                $"Model {Model.Name}: its {role} \"{tensor.Name}\" is float[{string.Join(", ", tensor.Shape)}] (-1: any) but the manifest " +
                $"makes it [batch, {string.Join(", ", itemShape)}] ({shapeSource}).");
        }
    }

    public ValueTask DisposeAsync() => Batcher.DisposeAsync();
}
