namespace SampleMind.Grains.Ingest;

/// <summary>Files per second over a sliding window of about 10 s of observations.</summary>
internal sealed class ProgressRate
{
    private static readonly TimeSpan s_window = TimeSpan.FromSeconds(10);
    private readonly Queue<(DateTimeOffset At, long Done)> _points = new();

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
