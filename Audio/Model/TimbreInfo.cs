namespace SampleMind.Audio;

/// <summary>Timbre descriptors from the shared STFT (22.05 kHz mono) and the original channels.</summary>
public sealed record TimbreInfo
{
    /// <summary>Spectral centroid in Hz.</summary>
    public required StatSummary CentroidHz { get; init; }

    /// <summary>85 % spectral roll-off in Hz.</summary>
    public required StatSummary RolloffHz { get; init; }

    /// <summary>Spectral flatness (0 = tonal, 1 = white noise).</summary>
    public required StatSummary Flatness { get; init; }

    /// <summary>Spectral bandwidth (spread around the centroid) in Hz.</summary>
    public required StatSummary BandwidthHz { get; init; }

    /// <summary>Spectral contrast per octave band (6 bands from 0 Hz, each max minus mean of log magnitude, in dB).</summary>
    public required IReadOnlyList<double> ContrastDb { get; init; }

    /// <summary>Mean of 13 MFCCs (40 mel bands, DCT-II, orthonormal).</summary>
    public required IReadOnlyList<double> MfccMean { get; init; }

    /// <summary>Standard deviation of the 13 MFCCs.</summary>
    public required IReadOnlyList<double> MfccStd { get; init; }

    /// <summary>Attack time: 10 % to 90 % of the envelope maximum, in seconds.</summary>
    public required double AttackSeconds { get; init; }

    /// <summary>Tail: from the envelope peak until it stays 40 dB below the peak, in seconds.</summary>
    public required double DecaySeconds { get; init; }

    /// <summary>Stereo width 0..1: side RMS over mid+side RMS (0 for mono).</summary>
    public required double StereoWidth { get; init; }

    /// <summary>Fraction of energy below 250 Hz.</summary>
    public required double LowEnergy { get; init; }

    /// <summary>Fraction of energy from 250 Hz to 4 kHz.</summary>
    public required double MidEnergy { get; init; }

    /// <summary>Fraction of energy above 4 kHz.</summary>
    public required double HighEnergy { get; init; }

    /// <summary>Fraction of energy below 100 Hz (the sub band, part of LowEnergy).</summary>
    public required double SubEnergy { get; init; }

    /// <summary>Zero-crossing rate per sample (0..1).</summary>
    public required double ZeroCrossingRate { get; init; }

    /// <summary>Onsets per second.</summary>
    public required double OnsetRate { get; init; }

    /// <summary>
    /// Descriptor tags: bright, dark, warm, noisy, punchy, distorted, sub-heavy, wide, mono-compatible; the descriptors
    /// <see cref="Analysis.DescriptorStrengths"/> grades above 0.5.
    /// </summary>
    public required IReadOnlyList<string> Tags { get; init; }
}
