namespace SampleMind.GpuWorker.Separation;

/// <summary>The names a result gives for how it was made; DSP methods never pass for neural ones.</summary>
public static class SeparationMethods
{
    /// <summary>Harmonic/percussive separation by median-filtered spectrogram masks (Fitzgerald 2010).</summary>
    public const string DspHpss = "dsp-hpss";

    /// <summary>Repeating-pattern extraction (REPET, Rafii and Pardo 2013) for vocals/accompaniment.</summary>
    public const string DspRepet = "dsp-repet";

    /// <summary>The prefix of a model-made result: "model:" followed by the manifest name.</summary>
    public const string ModelPrefix = "model:";

    /// <summary>The method name for a model.</summary>
    public static string Model(string modelName) => ModelPrefix + modelName;
}
