namespace SampleMind.Grains.Abstractions.Ingest;

/// <summary>
/// A running job's last files: from the moment the source is listed and at most <see cref="Files"/> files are left,
/// the job checks its own counts and its event streams read it at short intervals, so that its end (the
/// <c>end</c> event, the completed webhook) follows its last file at once.
/// </summary>
public static class JobTail
{
    /// <summary>Files left (pending or in flight) from which a job is in its tail.</summary>
    public const long Files = 16;

    /// <summary>True when <paramref name="status"/> is of a running, fully listed job with at most <see cref="Files"/> files left.</summary>
    public static bool Reached(JobStatus status) =>
        status.State == JobState.Running && status.ListingComplete && status.Listed - status.Succeeded - status.Failed <= Files;
}
