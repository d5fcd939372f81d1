using SampleMind.GpuWorker.Models;

namespace SampleMind.GpuWorker.Separation;

/// <summary>
/// Separates one fixed-length segment: [channel][sample] planar in (Channels × SegmentLength
/// floats), [stem][channel][sample] out. Implemented by a model (batched) or a DSP method.
/// </summary>
internal interface ISegmentProcessor
{
    /// <summary>How results made by this processor are labelled (see <see cref="SeparationMethods"/>).</summary>
    string Method { get; }

    /// <summary>Stem names, in output order.</summary>
    IReadOnlyList<string> StemNames { get; }

    /// <summary>Channels the processor wants; 0 takes the input's.</summary>
    int Channels { get; }

    /// <summary>Sample rate the processor needs; 0 takes the input's.</summary>
    int SampleRate { get; }

    /// <summary>Samples per channel per segment at <paramref name="sampleRate"/>.</summary>
    int SegmentLength(int sampleRate);

    /// <summary>Samples shared by consecutive segments at <paramref name="sampleRate"/>.</summary>
    int OverlapLength(int sampleRate);

    /// <summary>The cross-fade in the overlaps.</summary>
    TransitionWindow Transition { get; }

    /// <summary>
    /// Separates one segment of <paramref name="channels"/> channels; <paramref name="request"/>
    /// identifies the request it belongs to (batches mix requests).
    /// </summary>
    Task<float[]> ProcessAsync(float[] segment, int channels, int sampleRate, object request, CancellationToken cancellationToken);
}
