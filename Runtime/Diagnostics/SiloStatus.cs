namespace SampleMind.Runtime.Diagnostics;

/// <summary>A silo's lifecycle status.</summary>
public enum SiloStatus
{
    /// <summary>Built, not started.</summary>
    Created,

    /// <summary>Serving calls.</summary>
    Running,

    /// <summary>Deactivating its activations.</summary>
    Stopping,

    /// <summary>Stopped.</summary>
    Stopped,
}
