using SampleMind.GpuWorker.Inference;
using SampleMind.GpuWorker.Models;
using SampleMind.GpuWorker.Separation;

namespace SampleMind.GpuWorker.Variations;

/// <summary>
/// A generative model as a one-stem segment processor: inputs audio [1, channels, samples],
/// noise [1, channels, samples] (seeded Gaussian) and variance [1, 1]; output the variation.
/// </summary>
internal sealed class GeneratorSegmentProcessor(ModelManifest model, InferenceSession session, VariationRequest request) : ISegmentProcessor
{
    private static readonly string[] s_stems = ["variation"];
    private int _segment;

    public string Method => SeparationMethods.Model(model.Name);

    public IReadOnlyList<string> StemNames => s_stems;

    public int Channels => model.Channels;

    public int SampleRate => model.SampleRate;

    public TransitionWindow Transition => model.Transition;

    public int SegmentLength(int sampleRate) => model.SegmentLength;

    public int OverlapLength(int sampleRate) => model.OverlapLength;

    public Task<float[]> ProcessAsync(float[] segment, int channels, int sampleRate, object owner, CancellationToken cancellationToken)
    {
        var random = new Random(HashCode.Combine(request.Seed, Interlocked.Increment(ref _segment)));
        return Task.Run(() => Run(segment, random), cancellationToken);
    }

    private float[] Run(float[] segment, Random random)
    {
        var noise = new float[segment.Length];
        for (var i = 0; i < noise.Length; i++)
        {
            noise[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }

        var inputs = new Dictionary<string, FloatTensor>(StringComparer.Ordinal)
        {
            [model.Inputs[0]] = new(segment, 1, model.Channels, model.SegmentLength),
        };
        if (model.Inputs.Count > 1)
        {
            inputs[model.Inputs[1]] = new(noise, 1, model.Channels, model.SegmentLength);
        }

        if (model.Inputs.Count > 2)
        {
            inputs[model.Inputs[2]] = new(new[] { request.Variance }, 1, 1);
        }

        var output = session.Run(inputs)[model.Outputs[0]];
        return output.Data.ToArray();
    }
}
