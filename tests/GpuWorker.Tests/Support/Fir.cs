namespace SampleMind.GpuWorker.Tests.Support;

/// <summary>
/// The test models' FIR low-pass computed here, independently of ONNX: a Hamming-windowed sinc of
/// 31 taps with unit DC gain, applied with zero padding so the output has the input's length.
/// </summary>
internal static class Fir
{
    public const int Taps = 31;

    public static double[] LowPass(double cutoff)
    {
        var h = new double[Taps];
        var m = (Taps - 1) / 2.0;
        var sum = 0.0;
        for (var n = 0; n < Taps; n++)
        {
            var x = 2 * cutoff * (n - m);
            var sinc = x == 0 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);
            h[n] = sinc * (0.54 - 0.46 * Math.Cos(2 * Math.PI * n / (Taps - 1)));
            sum += h[n];
        }

        for (var n = 0; n < Taps; n++)
        {
            h[n] /= sum;
        }

        return h;
    }

    public static float[] Apply(double[] h, ReadOnlySpan<float> x)
    {
        var half = (h.Length - 1) / 2;
        var y = new float[x.Length];
        for (var t = 0; t < x.Length; t++)
        {
            var acc = 0.0;
            for (var k = 0; k < h.Length; k++)
            {
                var i = t + k - half;
                if (i >= 0 && i < x.Length)
                {
                    acc += h[k] * x[i];
                }
            }

            y[t] = (float)acc;
        }

        return y;
    }
}
