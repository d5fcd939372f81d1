namespace SampleMind.GpuWorker.Variations;

/// <summary>
/// A second-order IIR section with the Audio EQ Cookbook's (R. Bristow-Johnson) low-pass,
/// high-pass and shelf designs, run in direct form I per channel.
/// </summary>
internal sealed class Biquad
{
    private readonly double _b0, _b1, _b2, _a1, _a2;

    private Biquad(double b0, double b1, double b2, double a0, double a1, double a2)
    {
        _b0 = b0 / a0;
        _b1 = b1 / a0;
        _b2 = b2 / a0;
        _a1 = a1 / a0;
        _a2 = a2 / a0;
    }

    public static Biquad LowPass(double frequency, double sampleRate, double q = 0.7071)
    {
        var (cos, alpha) = Prewarp(frequency, sampleRate, q);
        return new Biquad((1 - cos) / 2, 1 - cos, (1 - cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    public static Biquad HighPass(double frequency, double sampleRate, double q = 0.7071)
    {
        var (cos, alpha) = Prewarp(frequency, sampleRate, q);
        return new Biquad((1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    /// <summary>A high shelf of <paramref name="gainDb"/> above <paramref name="frequency"/> (shelf slope 1).</summary>
    public static Biquad HighShelf(double frequency, double sampleRate, double gainDb)
    {
        var a = Math.Pow(10, gainDb / 40);
        var (cos, alpha) = Prewarp(frequency, sampleRate, 0.7071);
        var s = 2 * Math.Sqrt(a) * alpha;
        return new Biquad(
            a * ((a + 1) + ((a - 1) * cos) + s), -2 * a * ((a - 1) + ((a + 1) * cos)), a * ((a + 1) + ((a - 1) * cos) - s),
            (a + 1) - ((a - 1) * cos) + s, 2 * ((a - 1) - ((a + 1) * cos)), (a + 1) - ((a - 1) * cos) - s);
    }

    /// <summary>Filters each channel in place.</summary>
    public void Apply(float[][] audio)
    {
        foreach (var channel in audio)
        {
            double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
            for (var i = 0; i < channel.Length; i++)
            {
                var x = (double)channel[i];
                var y = (_b0 * x) + (_b1 * x1) + (_b2 * x2) - (_a1 * y1) - (_a2 * y2);
                x2 = x1;
                x1 = x;
                y2 = y1;
                y1 = y;
                channel[i] = (float)y;
            }
        }
    }

    private static (double Cos, double Alpha) Prewarp(double frequency, double sampleRate, double q)
    {
        var w = 2 * Math.PI * Math.Min(frequency, sampleRate * 0.45) / sampleRate;
        return (Math.Cos(w), Math.Sin(w) / (2 * q));
    }
}
