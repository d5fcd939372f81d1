namespace SampleMind.Runtime.Cluster;

/// <summary>
/// A grain call failed on another silo because that silo's database failed in a way its provider calls transient
/// (PostgreSQL restarting or unreachable, a connection dropped): what the caller receives in place of the provider's
/// exception, which does not cross the wire, so that it can still tell a failure to retry from a bug.
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StorageUnavailableException()
    {
    }
}
