namespace SampleMind.Grains.Abstractions.Ingest;

/// <summary>
/// A running job's last files: from the moment the source is listed and at most <see cref="Files"/> files are left, or
/// no more than the job finishes in <see cref="Horizon"/> at its current rate, the job checks its own counts and its
/// event streams read it at short intervals, so that its end (the <c>end</c> event, the completed webhook) follows its
/// last file at once. The horizon is the longest regular read interval (a stream's 250 ms poll): a fast job whose
/// last files take less than that would otherwise end between two regular reads and be seen up to an interval late.
/// </summary>
public static class JobTail
{
    /// <summary>Files left (pending or in flight) from which a job is in its tail, whatever its rate.</summary>
    public const long Files = 16;

    /// <summary>A job that finishes within this time at its current rate is in its tail.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// True when <paramref name="status"/> is of a running, fully listed job with at most <see cref="Files"/> files left,
    /// or with no more left than it completes in <see cref="Horizon"/> at its <see cref="JobStatus.FilesPerSecond"/>.
    /// </summary>
    public static bool Reached(JobStatus status) => Reached(status, Horizon);

    /// <summary>
    /// As <see cref="Reached(JobStatus)"/>, with the horizon of a reader whose regular interval is <paramref name="horizon"/>
    /// (the job's own checks: a second).
    /// </summary>
    public static bool Reached(JobStatus status, TimeSpan horizon)
    {
        if (status.State != JobState.Running || !status.ListingComplete)
        {
            return false;
        }

        var left = status.Listed - status.Succeeded - status.Failed;
        return left <= Files || left <= status.FilesPerSecond * horizon.TotalSeconds;
    }
}
