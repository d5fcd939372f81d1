namespace SampleMind.Runtime;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReason
{
    /// <summary>It was idle longer than <c>SiloOptions.CollectionAge</c>.</summary>
    IdleCollection,

    /// <summary>The grain called <see cref="Grain.DeactivateOnIdle"/>.</summary>
    ApplicationRequested,

    /// <summary>The silo is stopping.</summary>
    ShuttingDown,

    /// <summary>Activation failed (the constructor, state read or OnActivateAsync threw).</summary>
    ActivationFailed,
}
