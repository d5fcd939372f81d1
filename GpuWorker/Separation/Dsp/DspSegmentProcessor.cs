using SampleMind.GpuWorker.Models;

namespace SampleMind.GpuWorker.Separation.Dsp;

/// <summary>
/// What the DSP separators share: any channel count and rate, segments and overlaps sized from
/// <see cref="SeparationOptions"/>, joined with a Hann transition.
/// </summary>
internal abstract class DspSegmentProcessor(SeparationOptions options) : ISegmentProcessor
{
    protected SeparationOptions Options { get; } = options;

    public abstract string Method { get; }

    public abstract IReadOnlyList<string> StemNames { get; }

    public abstract string Description { get; }

    public int Channels => 0;

    public int SampleRate => 0;

    public TransitionWindow Transition => TransitionWindow.Hann;

    public int SegmentLength(int sampleRate) => (int)(Options.DspSegmentSeconds * sampleRate);

    public int OverlapLength(int sampleRate) => (int)(Options.DspOverlapSeconds * sampleRate);

    public abstract Task<float[]> ProcessAsync(float[] segment, int channels, int sampleRate, object request, CancellationToken cancellationToken);
}
