namespace SampleMind.Runtime.Cluster;

/// <summary>
/// A state write was refused because this silo no longer holds the lease (at the epoch it
/// activated under) on the grain's partition: another silo may own the grain now. The activation
/// is being dropped; the caller should retry the call, which routes to the current owner.
/// </summary>
public sealed class StaleLeaseException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StaleLeaseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    public StaleLeaseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StaleLeaseException()
    {
    }
}
