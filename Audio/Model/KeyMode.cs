namespace SampleMind.Audio;

/// <summary>Major or minor mode.</summary>
public enum KeyMode
{
    /// <summary>Major (Ionian).</summary>
    Major,

    /// <summary>Minor (natural/harmonic).</summary>
    Minor,
}
