namespace SampleMind.Audio;

/// <summary>The stages whose CPU time <see cref="AnalysisStageTimes"/> accumulates.</summary>
public enum AnalysisStage
{
    /// <summary>Opening the file and creating the native loudness and resampler states.</summary>
    Setup,

    /// <summary>Reading and converting samples (libsndfile or ffmpeg).</summary>
    Decode,

    /// <summary>Downmix and soxr resampling to the analysis rate.</summary>
    Resample,

    /// <summary>libebur128 loudness and true peak, level statistics.</summary>
    Loudness,

    /// <summary>Chromaprint.</summary>
    Fingerprint,

    /// <summary>The shared STFT with every per-frame spectral feature.</summary>
    Stft,

    /// <summary>Time-domain features, timbre summary, defects, embedding.</summary>
    Features,

    /// <summary>Tempo, beat tracking, onsets.</summary>
    Tempo,

    /// <summary>Key estimation.</summary>
    Key,

    /// <summary>aubio pitch.</summary>
    Pitch,

    /// <summary>Chords (Full level).</summary>
    Chords,
}
