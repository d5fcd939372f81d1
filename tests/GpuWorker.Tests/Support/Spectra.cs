using SampleMind.Audio.Dsp;

namespace SampleMind.GpuWorker.Tests.Support;

/// <summary>Test measures: chroma (pitch-class energy), the key shift between two sounds, spectral distance.</summary>
internal static class Spectra
{
    private const int FftSize = 8192;

    /// <summary>Mean power spectrum (FFT 8192, hop 2048) of the channels' mean.</summary>
    public static double[] MeanPower(float[][] audio)
    {
        var mono = new float[audio[0].Length];
        foreach (var channel in audio)
        {
            for (var i = 0; i < mono.Length; i++)
            {
                mono[i] += channel[i] / audio.Length;
            }
        }

        var stft = new Stft(FftSize, FftSize / 4);
        var spectrogram = stft.Forward(mono);
        var power = new double[spectrogram.Bins];
        for (var f = 0; f < spectrogram.Frames; f++)
        {
            var frame = spectrogram.Frame(f);
            for (var b = 0; b < spectrogram.Bins; b++)
            {
                power[b] += ((double)frame[2 * b] * frame[2 * b]) + ((double)frame[(2 * b) + 1] * frame[(2 * b) + 1]);
            }
        }

        return power;
    }

    /// <summary>Energy per pitch class (C = 0) between 55 Hz and 2 kHz, normalised to sum 1.</summary>
    public static double[] Chroma(float[][] audio, int sampleRate)
    {
        var power = MeanPower(audio);
        var chroma = new double[12];
        for (var b = 1; b < power.Length; b++)
        {
            var frequency = b * (double)sampleRate / FftSize;
            if (frequency is < 55 or > 2000)
            {
                continue;
            }

            var midi = 69 + (12 * Math.Log2(frequency / 440));
            chroma[(((int)Math.Round(midi) % 12) + 12) % 12] += power[b];
        }

        var sum = chroma.Sum();
        return chroma.Select(x => x / sum).ToArray();
    }

    /// <summary>The shift (semitones, -5..6) that best aligns <paramref name="b"/>'s chroma with <paramref name="a"/>'s.</summary>
    public static int KeyShift(double[] a, double[] b)
    {
        var best = 0;
        var bestScore = double.MinValue;
        for (var shift = -5; shift <= 6; shift++)
        {
            var score = 0.0;
            for (var k = 0; k < 12; k++)
            {
                score += a[k] * b[(((k + shift) % 12) + 12) % 12];
            }

            if (score > bestScore)
            {
                bestScore = score;
                best = shift;
            }
        }

        return best;
    }

    /// <summary>Mean absolute difference (dB) of the mean power spectra between 100 Hz and 8 kHz.</summary>
    public static double DistanceDb(float[][] a, float[][] b, int sampleRate)
    {
        var pa = MeanPower(a);
        var pb = MeanPower(b);
        var ea = pa.Sum() / a[0].Length;
        var eb = pb.Sum() / b[0].Length;
        double total = 0;
        var n = 0;
        for (var k = 1; k < pa.Length; k++)
        {
            var frequency = k * (double)sampleRate / FftSize;
            if (frequency is < 100 or > 8000)
            {
                continue;
            }

            var da = 10 * Math.Log10((pa[k] / a[0].Length / ea) + 1e-12);
            var db = 10 * Math.Log10((pb[k] / b[0].Length / eb) + 1e-12);
            total += Math.Abs(da - db);
            n++;
        }

        return total / n;
    }

    /// <summary>One-shot (&lt; 0.5 s), short (&lt; 2 s), phrase (&lt; 8 s) or long.</summary>
    public static int DurationClass(int frames, int sampleRate) => (frames / (double)sampleRate) switch
    {
        < 0.5 => 0,
        < 2 => 1,
        < 8 => 2,
        _ => 3,
    };
}
