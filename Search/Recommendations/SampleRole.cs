namespace SampleMind.Search.Recommendations;

/// <summary>The part a sample plays in a project.</summary>
public enum SampleRole
{
    /// <summary>Not recognised.</summary>
    Unknown = 0,

    /// <summary>Kicks, snares, hats, claps, percussion, drum loops.</summary>
    Drums = 1,

    /// <summary>Bass lines, 808s, sub bass.</summary>
    Bass = 2,

    /// <summary>Leads, pads, chords, keys, plucks, vocals.</summary>
    Melody = 3,

    /// <summary>Risers, impacts, sweeps, effects.</summary>
    Fx = 4,
}
