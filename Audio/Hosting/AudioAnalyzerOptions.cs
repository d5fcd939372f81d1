using SampleMind.Audio.Dsp;

namespace SampleMind.Audio;

/// <summary>Settings of <see cref="AudioAnalyzer"/>, bound from the "AudioAnalyzerOptions" section by the hosts.</summary>
public sealed class AudioAnalyzerOptions
{
    /// <summary>The configuration section the hosts bind.</summary>
    public const string SectionName = "AudioAnalyzerOptions";

    /// <summary>Rate of the mono signal every spectral feature is computed on, in Hz. Default 22050.</summary>
    public int AnalysisSampleRate { get; set; } = 22050;

    /// <summary>FFT length of the shared STFT in samples (power of two). Default 2048 (93 ms at 22.05 kHz).</summary>
    public int FftSize { get; set; } = 2048;

    /// <summary>Hop of the shared STFT in samples. Default 512 (23 ms at 22.05 kHz).</summary>
    public int HopSize { get; set; } = 512;

    /// <summary>
    /// Longest audio accepted. Longer input raises <see cref="Errors.AudioTooLongException"/> (checked from the
    /// header before decoding, and while streaming when the length is unknown). Default 20 minutes.
    /// </summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Frames decoded per chunk; memory for decoding is bounded by this. Default 65536.</summary>
    public int ChunkFrames { get; set; } = 65536;

    /// <summary>Try ffmpeg when libsndfile cannot read a file. Default true.</summary>
    public bool UseFfmpegFallback { get; set; } = true;

    /// <summary>ffmpeg executable. Default "ffmpeg" (on PATH).</summary>
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>ffprobe executable. Default "ffprobe" (on PATH).</summary>
    public string FfprobePath { get; set; } = "ffprobe";

    /// <summary>Longest wait for ffprobe. Default 30 s.</summary>
    public TimeSpan FfmpegTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Resampler quality for the analysis signal. Default Medium.</summary>
    public ResampleQuality AnalysisResampleQuality { get; set; } = ResampleQuality.Medium;

    /// <summary>The default of <see cref="DuplicateThreshold"/>.</summary>
    public const double DefaultDuplicateThreshold = 0.85;

    /// <summary>
    /// Fingerprint similarity (1 - bit error rate) at or above which two samples are duplicates: the samples a library's
    /// duplicate search (<c>GET /v1/samples/{id}/duplicates</c>) finds. Default 0.85.
    /// </summary>
    public double DuplicateThreshold { get; set; } = DefaultDuplicateThreshold;

    /// <summary>Level under which audio counts as silence, in dBFS, below 0 (a frame within full scale is at most 0 dBFS). Default -60.</summary>
    public double SilenceThresholdDb { get; set; } = -60;
}
