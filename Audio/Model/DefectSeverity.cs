namespace SampleMind.Audio;

/// <summary>How much a defect matters for use in a production.</summary>
public enum DefectSeverity
{
    /// <summary>Worth knowing.</summary>
    Info,

    /// <summary>Audible in some contexts.</summary>
    Warning,

    /// <summary>Audible; the sample likely needs fixing.</summary>
    Severe,
}
