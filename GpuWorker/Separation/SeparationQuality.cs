namespace SampleMind.GpuWorker.Separation;

/// <summary>
/// A separation's quality preset. <see cref="High"/> spends about twice the work for fewer
/// artefacts: segments overlap twice as much (capped at half a segment) so every sample is joined
/// from more context, and the DSP methods analyse with half the STFT hop (median filters keep the
/// same span in seconds).
/// </summary>
public enum SeparationQuality
{
    /// <summary>The configured settings as they are.</summary>
    Fast,

    /// <summary>Twice the segment overlap; DSP: half the STFT hop.</summary>
    High,
}
