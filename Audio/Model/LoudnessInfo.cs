namespace SampleMind.Audio;

/// <summary>Loudness measured on the original rate and channels (EBU R128 via libebur128).</summary>
public sealed record LoudnessInfo
{
    /// <summary>Integrated loudness in LUFS; null when the signal is too short or silent to gate (&lt; 400 ms or all below -70 LUFS).</summary>
    public double? IntegratedLufs { get; init; }

    /// <summary>Loudness range in LU; null when not measurable (needs about 3 s).</summary>
    public double? LoudnessRangeLu { get; init; }

    /// <summary>Maximum true peak over channels in dBTP (4x oversampled); null for digital silence.</summary>
    public double? TruePeakDbtp { get; init; }

    /// <summary>Maximum absolute sample value over channels in dBFS; null for digital silence.</summary>
    public double? SamplePeakDbfs { get; init; }

    /// <summary>RMS level over all channels in dBFS; null for digital silence.</summary>
    public double? RmsDbfs { get; init; }

    /// <summary>Crest factor: sample peak minus RMS, in dB; null for digital silence.</summary>
    public double? CrestFactorDb { get; init; }
}
