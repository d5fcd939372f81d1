namespace SampleMind.GpuWorker.Separation;

/// <summary>What a separation should produce.</summary>
public enum SeparationTarget
{
    /// <summary>
    /// Every stem the installed model gives; without a model, harmonic and percussive stems
    /// (median-filtering HPSS, method "dsp-hpss").
    /// </summary>
    AllStems = 0,

    /// <summary>
    /// Vocals and the rest: a model that has a "vocals" stem, or else the repetition-based split
    /// (REPET, method "dsp-repet") into "vocals" (non-repeating) and "accompaniment" (repeating).
    /// </summary>
    Vocals = 1,
}
