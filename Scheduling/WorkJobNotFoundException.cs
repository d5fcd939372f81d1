namespace SampleMind.Scheduling;

/// <summary>Thrown when items are enqueued into a job that was never registered.</summary>
public sealed class WorkJobNotFoundException : Exception
{
    /// <summary>Creates the exception for a job id.</summary>
    public WorkJobNotFoundException(string jobId)
        : base($"Work job '{jobId}' is not registered; call RegisterJobAsync first.")
    {
        JobId = jobId;
    }

    /// <summary>Creates the exception with a message.</summary>
    public WorkJobNotFoundException()
        : this(string.Empty)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public WorkJobNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        JobId = string.Empty;
    }

    /// <summary>The unknown job id.</summary>
    public string JobId { get; }
}
