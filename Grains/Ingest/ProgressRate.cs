namespace SampleMind.Grains.Ingest;

/// <summary>Files per second over a sliding window of about 10 s of observations.</summary>
internal sealed class ProgressRate
{
    private static readonly TimeSpan s_window = TimeSpan.FromSeconds(10);
    private readonly Queue<(DateTimeOffset At, long Done)> _points = new();

    /// <summary>
    /// The rate of a job that has ended: <paramref name="done"/> files over its whole run. (The sliding rate of an ended
    /// job falls to zero once its last observations are of no progress.)
    /// </summary>
    public static double Average(long done, DateTimeOffset createdAt, DateTimeOffset finishedAt)
    {
        var seconds = (finishedAt - createdAt).TotalSeconds;
        return seconds <= 0 ? 0 : done / seconds;
    }

    /// <summary>
    /// Forgets the observations so far, for a job that resumes: those of its pause (no progress) would otherwise stay in
    /// the window and lower its rate, raising its estimate, for the 10 s after it.
    /// </summary>
    public void Reset() => _points.Clear();

    public double Observe(DateTimeOffset now, long done)
    {
        _points.Enqueue((now, done));
        while (_points.Count > 2 && now - _points.Peek().At > s_window)
        {
            _points.Dequeue();
        }

        var (at, first) = _points.Peek();
        var seconds = (now - at).TotalSeconds;
        return seconds <= 0 ? 0 : (done - first) / seconds;
    }
}
