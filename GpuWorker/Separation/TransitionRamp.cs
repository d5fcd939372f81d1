using SampleMind.GpuWorker.Models;

namespace SampleMind.GpuWorker.Separation;

/// <summary>
/// Weights of one segment in the overlap-add: a rising ramp over the first <c>overlap</c> samples
/// (none for the first segment), a falling ramp over the last <c>overlap</c>, 1 between. The
/// overlap-add divides by the summed weights, so a model that returns its input is reproduced
/// exactly whatever the window.
/// </summary>
internal static class TransitionRamp
{
    /// <summary>The weights of a segment of <paramref name="length"/> samples.</summary>
    public static float[] Weights(int length, int overlap, TransitionWindow window, bool first)
    {
        var weights = new float[length];
        weights.AsSpan().Fill(1f);
        for (var i = 0; i < overlap; i++)
        {
            var rise = Rise((i + 0.5) / overlap, window);
            if (!first)
            {
                weights[i] = rise;
            }

            weights[length - 1 - i] = rise;
        }

        return weights;
    }

    private static float Rise(double x, TransitionWindow window) => window switch
    {
        TransitionWindow.Linear => (float)x,
        _ => (float)(Math.Sin(Math.PI * x / 2) * Math.Sin(Math.PI * x / 2)),
    };
}
