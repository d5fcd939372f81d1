using System.Buffers;
using SampleMind.Audio.Dsp;
using SampleMind.Audio.Interop;

namespace SampleMind.Audio.Analysis;

/// <summary>
/// Fundamental frequency with aubio's yinfft (median over frames) (pooled detectors, created under the FFTW planner lock),
/// then refined to a fraction of a cent on a long zero-padded FFT peak of the pitched region.
/// </summary>
internal static unsafe class PitchEstimator
{
    private const int Buffer = 2048;
    private const int Hop = 1024;
    private const int MaxSeconds = 1;
    private static readonly AubioPitchPool s_detectors = new("yinfft", Buffer, Hop, silenceDb: -60);

    public static PitchInfo? Estimate(ReadOnlySpan<float> mono, int sampleRate)
    {
        if (mono.Length < Buffer)
        {
            return null;
        }

        mono = mono[..Math.Min(mono.Length, (MaxSeconds * sampleRate) + Buffer)];
        var detector = s_detectors.Rent(sampleRate);
        var estimates = new List<float>();
        int frames = 0, firstPitched = -1, lastPitched = -1;
        try
        {
            var output = 0f;
            var outVector = new AubioVector { Length = 1, Data = &output };
            fixed (float* p = mono)
            {
                for (var start = 0; start + Hop <= mono.Length; start += Hop, frames++)
                {
                    var input = new AubioVector { Length = Hop, Data = p + start };
                    Aubio.PitchDo(detector, &input, &outVector);
                    if (output is > 25 and < 5000)
                    {
                        estimates.Add(output);
                        firstPitched = firstPitched < 0 ? start : firstPitched;
                        lastPitched = start;
                    }
                }
            }
        }
        finally
        {
            s_detectors.Return(sampleRate, detector);
        }

        if (estimates.Count < 3 || estimates.Count < frames / 3)
        {
            return null;
        }

        estimates.Sort();
        var median = estimates[estimates.Count / 2];
        var stable = 0;
        foreach (var e in estimates)
        {
            stable += Math.Abs(1200 * Math.Log2(e / median)) <= 50 ? 1 : 0;
        }

        // aubio reports 0 Hz for unpitched frames; its yinfft confidence is not usable here, so
        // confidence is the share of frames whose estimate lies within 50 cents of the median.
        var confidence = (double)stable / Math.Max(1, frames);
        if (confidence < 0.5)
        {
            return null;
        }

        var startSample = Math.Max(0, firstPitched - Buffer + Hop);
        var region = mono[startSample..Math.Min(mono.Length, lastPitched + Hop)];
        var f0 = Refine(region, sampleRate, median);
        var midiExact = 69 + (12 * Math.Log2(f0 / 440));
        var midi = (int)Math.Round(midiExact);
        return new PitchInfo
        {
            FrequencyHz = Math.Round(f0, 3),
            MidiNote = midi,
            Note = PitchNames.NoteName(midi),
            Cents = Math.Round(100 * (midiExact - midi), 2),
            Confidence = Math.Round(confidence, 3),
        };
    }

    /// <summary>
    /// Hann-windowed FFT (≥ 4x zero padding) of up to 1 s; the first low harmonic near h·f0, located by Gaussian
    /// interpolation. The frame and spectrum (1 MiB each at 44.1 kHz) are pooled and magnitudes are computed only where
    /// they are read: allocating them per file cost the ingest host a gen0 collection every few files.
    /// </summary>
    private static double Refine(ReadOnlySpan<float> region, int sampleRate, double estimate)
    {
        var length = Math.Min(region.Length, sampleRate);
        var size = 1 << (int)Math.Ceiling(Math.Log2(Math.Max(length * 4, 8192)));
        var fft = RealFft.Get(size);
        var frameBuffer = ArrayPool<float>.Shared.Rent(size);
        var spectrumBuffer = ArrayPool<float>.Shared.Rent(2 * fft.Bins);
        try
        {
            var frame = frameBuffer.AsSpan(0, size);
            for (var i = 0; i < length; i++)
            {
                frame[i] = region[i] * (float)(0.5 - (0.5 * Math.Cos(2 * Math.PI * i / length)));
            }

            frame[length..].Clear();
            var spectrum = spectrumBuffer.AsSpan(0, 2 * fft.Bins);
            fft.Forward(frame, spectrum);
            return HarmonicPeak(spectrum, fft.Bins, (double)sampleRate / size, estimate);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(frameBuffer);
            ArrayPool<float>.Shared.Return(spectrumBuffer);
        }
    }

    private static double HarmonicPeak(ReadOnlySpan<float> spectrum, int bins, double binHz, double estimate)
    {
        var maxPower = 0f;
        for (var k = 0; k < bins; k++)
        {
            maxPower = Math.Max(maxPower, Power(spectrum, k));
        }

        var max = Math.Sqrt(maxPower);
        for (var h = 1; h <= 4; h++)
        {
            var centre = h * estimate / binHz;
            var lo = Math.Max(1, (int)(centre * 0.97));
            var hi = Math.Min(bins - 2, (int)Math.Ceiling(centre * 1.03));
            var peak = lo;
            for (var k = lo; k <= hi; k++)
            {
                peak = Power(spectrum, k) > Power(spectrum, peak) ? k : peak;
            }

            if (hi > lo && Magnitude(spectrum, peak) >= 0.1 * max)
            {
                double a = Math.Log(Magnitude(spectrum, peak - 1) + 1e-20),
                    b = Math.Log(Magnitude(spectrum, peak) + 1e-20),
                    c = Math.Log(Magnitude(spectrum, peak + 1) + 1e-20);
                var d = a - (2 * b) + c;
                var offset = d < 0 ? Math.Clamp(0.5 * (a - c) / d, -0.5, 0.5) : 0;
                return (peak + offset) * binHz / h;
            }
        }

        return estimate;
    }

    private static float Power(ReadOnlySpan<float> spectrum, int k) =>
        (spectrum[2 * k] * spectrum[2 * k]) + (spectrum[(2 * k) + 1] * spectrum[(2 * k) + 1]);

    private static double Magnitude(ReadOnlySpan<float> spectrum, int k) => Math.Sqrt(Power(spectrum, k));
}
