namespace SampleMind.Audio.Analysis;

/// <summary>An evenly spaced grid at the tempo, phase-fitted to the tracked beats, with 4/4 downbeats on the strongest phase.</summary>
internal static class BeatGridBuilder
{
    public static BeatGrid? Build(TempoInfo tempo, ReadOnlySpan<float> onset, double frameRate, double duration)
    {
        if (tempo.BeatTimes.Count == 0 || tempo.Bpm <= 0)
        {
            return null;
        }

        var period = 60 / tempo.Bpm;
        var phase = 0.0;
        var sinSum = 0.0;
        var cosSum = 0.0;
        foreach (var t in tempo.BeatTimes)
        {
            var angle = 2 * Math.PI * t / period;
            sinSum += Math.Sin(angle);
            cosSum += Math.Cos(angle);
        }

        phase = Math.Atan2(sinSum, cosSum) / (2 * Math.PI) * period;
        var first = ((phase % period) + period) % period;
        var beats = new List<double>();
        for (var t = first; t < duration; t += period)
        {
            beats.Add(Math.Round(t, 4));
        }

        var strength = new double[4];
        for (var i = 0; i < beats.Count; i++)
        {
            var frame = (int)Math.Round(beats[i] * frameRate);
            strength[i % 4] += frame >= 0 && frame < onset.Length ? onset[frame] : 0;
        }

        var bar = Array.IndexOf(strength, strength.Max());
        var downbeats = new List<double>();
        for (var i = bar; i < beats.Count; i += 4)
        {
            downbeats.Add(beats[i]);
        }

        return new BeatGrid
        {
            BeatPeriodSeconds = Math.Round(period, 6),
            FirstBeatSeconds = Math.Round(first, 4),
            Beats = beats,
            Downbeats = downbeats,
        };
    }
}
