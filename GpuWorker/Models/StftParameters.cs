namespace SampleMind.GpuWorker.Models;

/// <summary>
/// The spectrogram a spectrogram-domain separation model works on. Frames are centred (the
/// segment is zero-padded by <see cref="FftSize"/> / 2 on both sides), so a segment of L samples
/// has 1 + L / <see cref="HopSize"/> frames of <see cref="FftSize"/> / 2 + 1 bins; magnitudes are
/// those of the unnormalised FFT of each windowed frame (as torch.stft with center=True,
/// normalized=False).
/// </summary>
/// <param name="FftSize">FFT length in samples (even, at least 16).</param>
/// <param name="HopSize">Hop between frames in samples (1 to FftSize / 2, so the iSTFT reconstructs exactly).</param>
/// <param name="Window">The analysis and synthesis window; "hann" (periodic Hann) is the only one supported.</param>
/// <param name="Output">What the model's output holds per stem: a mask or a magnitude; required.</param>
/// <param name="Bins">Bins per frame, optional; when given it must be FftSize / 2 + 1.</param>
public sealed record StftParameters(int FftSize, int HopSize, string Window = StftParameters.HannWindow,
    SpectrogramOutput? Output = null, int? Bins = null)
{
    /// <summary>The name of the periodic Hann window.</summary>
    public const string HannWindow = "hann";

    /// <summary>Bins per frame the FFT gives: FftSize / 2 + 1.</summary>
    public int FftBins => (FftSize / 2) + 1;

    /// <summary>Frames of a segment of <paramref name="segmentLength"/> samples: 1 + segmentLength / HopSize.</summary>
    public int FrameCount(int segmentLength) => 1 + (segmentLength / HopSize);
}
