using System.Data.Common;

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

    /// <summary>
    /// The database failure its provider calls transient in <paramref name="exception"/>'s chain (the exception itself or
    /// one it wraps), or null: what a retry can serve, here or on the caller's side of a grain call.
    /// </summary>
    public static DbException? TransientCause(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException { IsTransient: true } database)
            {
                return database;
            }
        }

        return null;
    }
}
