namespace SampleMind.Runtime.Cluster;

/// <summary>
/// A cluster call could not be completed: no silo served the grain's partition within the retry
/// budget (<see cref="ClusterOptions.RetryTimeout"/>), no live silo has the role the grain type
/// needs, or the connection to the owning silo broke after the call was sent (the call may or may
/// not have run: calls are at most once).
/// </summary>
public sealed class SiloUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SiloUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    public SiloUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SiloUnavailableException()
    {
    }
}
