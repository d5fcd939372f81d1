namespace SampleMind.GpuWorker.Separation;

/// <summary>How separation runs. Bound from the "Separation" section.</summary>
public sealed class SeparationOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Separation";

    /// <summary>The separation model to use (manifest name); null takes the first installed. Default: null.</summary>
    public string? ModelName { get; set; }

    /// <summary>Segments per model run, gathered across concurrent requests. Default: 8.</summary>
    public int BatchSize { get; set; } = 8;

    /// <summary>Segments one request may have queued or running at once (bounds its memory). Default: 8.</summary>
    public int MaxSegmentsInFlight { get; set; } = 8;

    /// <summary>
    /// Length of the segments the DSP separators work on, in seconds (REPET needs three repetitions
    /// of a pattern inside one). Default: 8.
    /// </summary>
    public double DspSegmentSeconds { get; set; } = 8;

    /// <summary>Overlap of consecutive DSP segments, in seconds (Hann cross-fade). Default: 1.</summary>
    public double DspOverlapSeconds { get; set; } = 1;

    /// <summary>FFT size of the DSP separators' STFT (samples). Default: 2048.</summary>
    public int DspFftSize { get; set; } = 2048;

    /// <summary>Hop of the DSP separators' STFT (samples). Default: 512.</summary>
    public int DspHopSize { get; set; } = 512;

    /// <summary>HPSS: length of the median filter across time (frames, odd). Default: 17.</summary>
    public int HarmonicFilterLength { get; set; } = 17;

    /// <summary>HPSS: length of the median filter across frequency (bins, odd). Default: 17.</summary>
    public int PercussiveFilterLength { get; set; } = 17;

    /// <summary>HPSS: exponent of the soft (Wiener-like) masks. Default: 2.</summary>
    public double MaskPower { get; set; } = 2;

    /// <summary>
    /// These options as the <see cref="SeparationQuality.High"/> preset uses them: twice the DSP
    /// segment overlap (at most half a segment), half the STFT hop (at least 64 samples) and the
    /// median filter across time lengthened to keep its span in seconds.
    /// </summary>
    public SeparationOptions ForQuality(SeparationQuality quality)
    {
        if (quality == SeparationQuality.Fast)
        {
            return this;
        }

        var copy = (SeparationOptions)MemberwiseClone();
        copy.DspOverlapSeconds = Math.Min(DspOverlapSeconds * 2, DspSegmentSeconds / 2);
        copy.DspHopSize = Math.Max(64, DspHopSize / 2);
        copy.HarmonicFilterLength = (int)Math.Round((double)HarmonicFilterLength * DspHopSize / copy.DspHopSize) | 1;
        return copy;
    }
}
