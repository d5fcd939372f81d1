using System.Numerics.Tensors;

namespace SampleMind.Audio.Analysis;

/// <summary>One pass over the mono analysis signal: peak envelope (hop 64), frame RMS (hop 512), zero crossings.</summary>
internal sealed class TimeDomainFeatures
{
    public const int EnvelopeHop = 64;
    public const int RmsHop = 512;

    private TimeDomainFeatures(float[] envelope, float[] rmsDb, double zcr, int sampleRate)
    {
        Envelope = envelope;
        RmsDb = rmsDb;
        ZeroCrossingRate = zcr;
        SampleRate = sampleRate;
    }

    /// <summary>Maximum |x| per 64 samples.</summary>
    public float[] Envelope { get; }

    /// <summary>RMS per 512 samples in dBFS (floor -150).</summary>
    public float[] RmsDb { get; }

    public double ZeroCrossingRate { get; }

    public int SampleRate { get; }

    public static TimeDomainFeatures Compute(ReadOnlySpan<float> mono, int sampleRate)
    {
        var envelope = new float[(mono.Length + EnvelopeHop - 1) / EnvelopeHop];
        for (var i = 0; i < envelope.Length; i++)
        {
            var start = i * EnvelopeHop;
            envelope[i] = Math.Abs(TensorPrimitives.MaxMagnitude(mono.Slice(start, Math.Min(EnvelopeHop, mono.Length - start))));
        }

        var rms = new float[(mono.Length + RmsHop - 1) / RmsHop];
        for (var i = 0; i < rms.Length; i++)
        {
            var start = i * RmsHop;
            var block = mono.Slice(start, Math.Min(RmsHop, mono.Length - start));
            var power = TensorPrimitives.SumOfSquares(block) / block.Length;
            rms[i] = power > 1e-15f ? 10 * MathF.Log10(power) : -150;
        }

        var crossings = 0;
        for (var i = 1; i < mono.Length; i++)
        {
            crossings += (mono[i - 1] >= 0) != (mono[i] >= 0) ? 1 : 0;
        }

        return new TimeDomainFeatures(envelope, rms, mono.Length > 1 ? (double)crossings / (mono.Length - 1) : 0, sampleRate);
    }

    /// <summary>Seconds from 10 % to 90 % of the envelope maximum (first crossing of each).</summary>
    public double AttackSeconds()
    {
        var peakIndex = ArgMax(Envelope);
        if (peakIndex < 0)
        {
            return 0;
        }

        var peak = Envelope[peakIndex];
        int start = -1, end = peakIndex;
        for (var i = 0; i <= peakIndex; i++)
        {
            if (start < 0 && Envelope[i] >= 0.1f * peak)
            {
                start = i;
            }

            if (Envelope[i] >= 0.9f * peak)
            {
                end = i;
                break;
            }
        }

        return Math.Max(0, end - Math.Max(0, start)) * (double)EnvelopeHop / SampleRate;
    }

    /// <summary>Seconds from the envelope peak to the last point above peak - 40 dB.</summary>
    public double DecaySeconds()
    {
        var peakIndex = ArgMax(Envelope);
        if (peakIndex < 0)
        {
            return 0;
        }

        var threshold = Envelope[peakIndex] * 0.01f;
        var last = peakIndex;
        for (var i = Envelope.Length - 1; i > peakIndex; i--)
        {
            if (Envelope[i] >= threshold)
            {
                last = i;
                break;
            }
        }

        return (last - peakIndex) * (double)EnvelopeHop / SampleRate;
    }

    private static int ArgMax(float[] values)
    {
        var best = -1;
        var max = 0f;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] > max)
            {
                max = values[i];
                best = i;
            }
        }

        return best;
    }
}
