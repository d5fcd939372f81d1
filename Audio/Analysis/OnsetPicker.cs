namespace SampleMind.Audio.Analysis;

/// <summary>Onset times: local maxima of the onset envelope above an adaptive threshold, at least 50 ms apart.</summary>
internal static class OnsetPicker
{
    public static List<double> Pick(ReadOnlySpan<float> onset, double frameRate)
    {
        var result = new List<double>();
        if (onset.Length < 3)
        {
            return result;
        }

        var max = 0f;
        foreach (var v in onset)
        {
            max = Math.Max(max, v);
        }

        var minGap = (int)Math.Ceiling(0.05 * frameRate);
        var last = -minGap;
        const int Half = 8;
        for (var i = 1; i < onset.Length - 1; i++)
        {
            if (onset[i] < onset[i - 1] || onset[i] < onset[i + 1] || onset[i] < 0.1f * max || i - last < minGap)
            {
                continue;
            }

            var sum = 0f;
            var count = 0;
            for (var j = Math.Max(0, i - Half); j <= Math.Min(onset.Length - 1, i + Half); j++)
            {
                sum += onset[j];
                count++;
            }

            if (onset[i] > 1.5f * sum / count)
            {
                result.Add(Math.Round(i / frameRate, 4));
                last = i;
            }
        }

        return result;
    }
}
