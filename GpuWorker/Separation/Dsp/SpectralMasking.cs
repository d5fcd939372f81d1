using SampleMind.Audio.Dsp;

namespace SampleMind.GpuWorker.Separation.Dsp;

/// <summary>
/// The STFT side of the DSP separators: per-channel spectrograms, a magnitude shared by the
/// channels (so the stereo image stays intact), and resynthesis of masked spectrograms. Masks
/// that sum to 1 give stems that sum to the input (the STFT reconstructs exactly).
/// </summary>
internal sealed class SpectralMasking
{
    private readonly Stft _stft;

    public SpectralMasking(int fftSize, int hopSize)
    {
        _stft = new Stft(fftSize, hopSize);
    }

    public int Bins => _stft.Bins;

    public int HopSize => _stft.HopSize;

    /// <summary>The spectrogram of each channel of a planar segment.</summary>
    public ComplexSpectrogram[] Analyse(float[] segment, int channels, int length)
    {
        var result = new ComplexSpectrogram[channels];
        for (var c = 0; c < channels; c++)
        {
            result[c] = _stft.Forward(segment.AsSpan(c * length, length));
        }

        return result;
    }

    /// <summary>The inverse STFT of one spectrogram back to <paramref name="length"/> samples (overlap-add normalised by the summed squared window).</summary>
    public float[] Inverse(ComplexSpectrogram spectrogram, int length) => _stft.Inverse(spectrogram, length);

    /// <summary>The channels' mean magnitude, frame-major (frames × bins).</summary>
    public static float[] MeanMagnitude(ComplexSpectrogram[] spectrograms)
    {
        var frames = spectrograms[0].Frames;
        var bins = spectrograms[0].Bins;
        var magnitude = new float[frames * bins];
        foreach (var spectrogram in spectrograms)
        {
            var data = spectrogram.Data;
            for (var i = 0; i < magnitude.Length; i++)
            {
                var re = data[2 * i];
                var im = data[(2 * i) + 1];
                magnitude[i] += MathF.Sqrt((re * re) + (im * im)) / spectrograms.Length;
            }
        }

        return magnitude;
    }

    /// <summary>
    /// Two stems from one mask (frames × bins, values 0..1): the first resynthesised from every
    /// channel's masked spectrogram, the second the input minus the first (the complementary mask,
    /// exact because the STFT is). Output is [stem][channel][sample] planar.
    /// </summary>
    public float[] SynthesisePair(float[] segment, ComplexSpectrogram[] spectrograms, float[] mask, int length)
    {
        var channels = spectrograms.Length;
        var output = new float[2 * channels * length];
        var masked = new ComplexSpectrogram(spectrograms[0].Frames, spectrograms[0].Bins);
        for (var c = 0; c < channels; c++)
        {
            var source = spectrograms[c].Data;
            var target = masked.Data;
            for (var i = 0; i < mask.Length; i++)
            {
                target[2 * i] = source[2 * i] * mask[i];
                target[(2 * i) + 1] = source[(2 * i) + 1] * mask[i];
            }

            _stft.Inverse(masked, length).CopyTo(output, c * length);
            System.Numerics.Tensors.TensorPrimitives.Subtract(
                segment.AsSpan(c * length, length), output.AsSpan(c * length, length), output.AsSpan((channels + c) * length, length));
        }

        return output;
    }
}
