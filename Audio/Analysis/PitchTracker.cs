using SampleMind.Audio.Interop;

namespace SampleMind.Audio.Analysis;

/// <summary>
/// Per-frame fundamental frequency with aubio's yinfast (YIN through the FFT, whose confidence aubio reports): a 2048-sample window every 512 samples (about 43 frames a
/// second at 22,050 Hz). A frame counts as voiced when aubio reports a pitch within 50..2000 Hz, its confidence
/// reaches <see cref="MinConfidence"/> and the frame is louder than <see cref="SilenceDb"/> (aubio's silence gate).
/// </summary>
internal static unsafe class PitchTracker
{
    public const int Buffer = 2048;
    public const int Hop = 512;
    public const float MinConfidence = 0.8f;
    public const float SilenceDb = -50f;
    private static readonly AubioPitchPool s_detectors = new("yinfast", Buffer, Hop, SilenceDb);

    /// <summary>The contour of (at most) the first <paramref name="maxSeconds"/> of <paramref name="mono"/>.</summary>
    public static MelodyContour Track(ReadOnlySpan<float> mono, int sampleRate, double maxSeconds)
    {
        mono = mono[..(int)Math.Min(mono.Length, (long)(maxSeconds * sampleRate))];
        var pitches = new short[mono.Length / Hop];
        var detector = s_detectors.Rent(sampleRate);
        try
        {
            var output = 0f;
            var outVector = new AubioVector { Length = 1, Data = &output };
            var zeros = stackalloc float[Hop];
            var zeroVector = new AubioVector { Length = Hop, Data = zeros };
            fixed (float* p = mono)
            {
                // aubio keeps the last Buffer samples; the estimate after a hop describes the window ending there, so
                // frame i (centred near i·Hop + Hop/2 once the window is full) is reported Buffer/Hop/2 hops late.
                var lag = (Buffer / Hop / 2) - 1;
                for (var hop = 0; hop < pitches.Length + lag; hop++)
                {
                    var input = hop < pitches.Length
                        ? new AubioVector { Length = Hop, Data = p + (hop * Hop) }
                        : zeroVector;
                    Aubio.PitchDo(detector, &input, &outVector);
                    var frame = hop - lag;
                    if (frame < 0)
                    {
                        continue;
                    }

                    var confidence = Aubio.PitchConfidence(detector);
                    pitches[frame] = output is >= 50f and <= 2000f && confidence >= MinConfidence
                        ? (short)Math.Round(10 * (69 + (12 * Math.Log2(output / 440.0))))
                        : (short)0;
                }
            }
        }
        finally
        {
            s_detectors.Return(sampleRate, detector);
        }

        return new MelodyContour { FrameRate = (double)sampleRate / Hop, Pitches = pitches };
    }

    /// <summary>
    /// True when a contour carries a melody rather than one held note or noise: at least 12 voiced frames making up a
    /// fifth of the track, whose pitch (median-smoothed over 5 voiced frames, so stray octave errors and blips do not
    /// count) spreads over at least 2 semitones between its 10th and 90th percentiles.
    /// </summary>
    public static bool IsMelodic(MelodyContour contour)
    {
        var pitches = contour.Pitches;
        var voiced = new List<int>(pitches.Count);
        for (var i = 0; i < pitches.Count; i++)
        {
            if (pitches[i] > 0)
            {
                voiced.Add(i);
            }
        }

        if (voiced.Count < 12 || voiced.Count < pitches.Count / 5)
        {
            return false;
        }

        var smoothed = new int[voiced.Count];
        Span<int> window = stackalloc int[5];
        for (var v = 0; v < voiced.Count; v++)
        {
            var n = 0;
            for (var w = Math.Max(0, v - 2); w <= Math.Min(voiced.Count - 1, v + 2); w++)
            {
                window[n++] = pitches[voiced[w]];
            }

            window[..n].Sort();
            smoothed[v] = window[n / 2];
        }

        Array.Sort(smoothed);
        return smoothed[smoothed.Length * 9 / 10] - smoothed[smoothed.Length / 10] >= 20;
    }
}
