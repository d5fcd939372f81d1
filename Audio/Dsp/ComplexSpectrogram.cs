namespace SampleMind.Audio.Dsp;

/// <summary>
/// An STFT result: <see cref="Frames"/> frames of <see cref="Bins"/> complex bins, frame-major,
/// each bin interleaved (re, im). Frame i is centred on sample i * hop of the input.
/// </summary>
public sealed class ComplexSpectrogram
{
    private readonly float[] _data;

    public ComplexSpectrogram(int frames, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        Frames = frames;
        Bins = bins;
        _data = new float[(long)frames * bins * 2 > int.MaxValue ? throw new ArgumentOutOfRangeException(nameof(frames)) : frames * bins * 2];
    }

    /// <summary>Number of frames.</summary>
    public int Frames { get; }

    /// <summary>Bins per frame (fftSize / 2 + 1).</summary>
    public int Bins { get; }

    /// <summary>All frames, frame-major, interleaved complex.</summary>
    public Span<float> Data => _data;

    /// <summary>One frame: 2 * Bins floats (re, im, re, im, ...).</summary>
    public Span<float> Frame(int index) => _data.AsSpan(index * Bins * 2, Bins * 2);
}
