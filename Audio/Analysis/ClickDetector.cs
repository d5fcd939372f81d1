namespace SampleMind.Audio.Analysis;

/// <summary>
/// Isolated discontinuities: a second difference that towers (≥ 12x) over the RMS of the second
/// difference in the surrounding 256-sample block, excluding the spike itself, and exceeds 0.1.
/// </summary>
internal static class ClickDetector
{
    private const int Block = 256;
    private const int MaxClicks = 100;

    public static List<TimeRange> Find(ReadOnlySpan<float> x, int sampleRate)
    {
        var clicks = new List<TimeRange>();
        for (var start = 2; start + Block <= x.Length && clicks.Count < MaxClicks; start += Block)
        {
            var peak = 0f;
            var at = -1;
            double sum = 0;
            for (var n = start; n < start + Block; n++)
            {
                var d = x[n] - (2 * x[n - 1]) + x[n - 2];
                sum += d * d;
                if (Math.Abs(d) > peak)
                {
                    peak = Math.Abs(d);
                    at = n;
                }
            }

            if (peak < 0.1f)
            {
                continue;
            }

            var rest = 0.0;
            for (var n = Math.Max(start, at - 2); n <= Math.Min(start + Block - 1, at + 2); n++)
            {
                var d = x[n] - (2 * x[n - 1]) + x[n - 2];
                rest += d * d;
            }

            var rms = Math.Sqrt(Math.Max(0, sum - rest) / (Block - 5));
            if (peak >= 12 * rms)
            {
                var t = Math.Round((double)at / sampleRate, 4);
                clicks.Add(new TimeRange(t, t));
            }
        }

        return clicks;
    }
}
