namespace SampleMind.Audio.Dsp;

/// <summary>
/// Short-time Fourier transform on FFTW (single precision, cached plans, thread-safe).
/// Frames are centred: the signal is zero-padded by fftSize / 2 on both sides, so frame i is centred
/// on sample i * hop, and <see cref="Inverse"/> reconstructs the input exactly (weighted overlap-add,
/// normalised by the summed squared window) whenever hop ≤ fftSize / 2 for a Hann window.
/// </summary>
public sealed class Stft
{
    private readonly float[] _window;
    private readonly RealFft _fft;

    /// <summary>Creates an STFT with a periodic Hann window, or the given analysis/synthesis window.</summary>
    public Stft(int fftSize, int hopSize, float[]? window = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fftSize, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(hopSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hopSize, fftSize);
        if (window is not null && window.Length != fftSize)
        {
            throw new ArgumentException("window length must equal fftSize", nameof(window));
        }

        FftSize = fftSize;
        HopSize = hopSize;
        _window = window ?? Hann(fftSize);
        _fft = RealFft.Get(fftSize);
    }

    /// <summary>FFT length in samples.</summary>
    public int FftSize { get; }

    /// <summary>Hop between frames in samples.</summary>
    public int HopSize { get; }

    /// <summary>Complex bins per frame (FftSize / 2 + 1).</summary>
    public int Bins => _fft.Bins;

    /// <summary>The window (read-only view).</summary>
    public ReadOnlySpan<float> Window => _window;

    /// <summary>A periodic Hann window of length <paramref name="length"/>.</summary>
    public static float[] Hann(int length)
    {
        var w = new float[length];
        for (var i = 0; i < length; i++)
        {
            w[i] = (float)(0.5 - (0.5 * Math.Cos(2 * Math.PI * i / length)));
        }

        return w;
    }

    /// <summary>Frames for a signal of <paramref name="length"/> samples: 1 + length / hop.</summary>
    public int FrameCount(int length) => 1 + (Math.Max(0, length) / HopSize);

    /// <summary>Forward STFT of a mono signal.</summary>
    public ComplexSpectrogram Forward(ReadOnlySpan<float> signal)
    {
        var result = new ComplexSpectrogram(FrameCount(signal.Length), Bins);
        var frame = new float[FftSize];
        for (var i = 0; i < result.Frames; i++)
        {
            LoadFrame(signal, i, frame);
            _fft.Forward(frame, result.Frame(i));
        }

        return result;
    }

    /// <summary>Inverse STFT back to <paramref name="length"/> samples (weighted overlap-add).</summary>
    public float[] Inverse(ComplexSpectrogram spectrogram, int length)
    {
        ArgumentNullException.ThrowIfNull(spectrogram);
        if (spectrogram.Bins != Bins)
        {
            throw new ArgumentException("bin count does not match this STFT", nameof(spectrogram));
        }

        var half = FftSize / 2;
        var padded = new double[length + FftSize + (spectrogram.Frames * HopSize)];
        var norm = new double[padded.Length];
        var spectrum = new float[2 * Bins];
        var frame = new float[FftSize];
        var scale = 1.0 / FftSize;
        for (var i = 0; i < spectrogram.Frames; i++)
        {
            spectrogram.Frame(i).CopyTo(spectrum);
            _fft.Inverse(spectrum, frame);
            var start = i * HopSize;
            for (var k = 0; k < FftSize; k++)
            {
                padded[start + k] += frame[k] * scale * _window[k];
                norm[start + k] += _window[k] * _window[k];
            }
        }

        var output = new float[length];
        for (var n = 0; n < length; n++)
        {
            var w = norm[n + half];
            output[n] = w > 1e-8 ? (float)(padded[n + half] / w) : 0f;
        }

        return output;
    }

    /// <summary>Copies frame <paramref name="index"/> (centred, zero-padded) times the window into <paramref name="frame"/>.</summary>
    internal void LoadFrame(ReadOnlySpan<float> signal, int index, Span<float> frame)
    {
        var start = (index * HopSize) - (FftSize / 2);
        if (start >= 0 && start + FftSize <= signal.Length)
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(signal.Slice(start, FftSize), _window, frame);
            return;
        }

        for (var k = 0; k < FftSize; k++)
        {
            var n = start + k;
            frame[k] = n >= 0 && n < signal.Length ? signal[n] * _window[k] : 0f;
        }
    }

    /// <summary>FFT of one prepared frame into <paramref name="spectrum"/> (2 * Bins floats).</summary>
    internal void Transform(ReadOnlySpan<float> frame, Span<float> spectrum) => _fft.Forward(frame, spectrum);
}
