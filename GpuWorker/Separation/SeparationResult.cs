namespace SampleMind.GpuWorker.Separation;

/// <summary>
/// Separated stems held in memory: <see cref="Stems"/>[stem][channel][sample], at the input's
/// sample rate and length. <see cref="Method"/> says how they were made ("dsp-hpss",
/// "dsp-repet", or "model:" + the model's name).
/// </summary>
public sealed record SeparationResult(
    string Method,
    IReadOnlyList<string> StemNames,
    float[][][] Stems,
    int SampleRate,
    string Description)
{
    /// <summary>Samples per channel.</summary>
    public int Frames => Stems.Length == 0 || Stems[0].Length == 0 ? 0 : Stems[0][0].Length;

    /// <summary>The stem called <paramref name="name"/> ([channel][sample]).</summary>
    public float[][] Stem(string name)
    {
        for (var i = 0; i < StemNames.Count; i++)
        {
            if (string.Equals(StemNames[i], name, StringComparison.Ordinal))
            {
                return Stems[i];
            }
        }

        throw new KeyNotFoundException($"No stem '{name}'; the stems are {string.Join(", ", StemNames)}.");
    }
}
