using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using SampleMind.Audio.Errors;
using SampleMind.Audio.Interop;

namespace SampleMind.Audio.Analysis;

/// <summary>
/// Chromaprint over the mono analysis signal (16-bit). Audio shorter than <see cref="MinSeconds"/> is
/// looped to that length first: Chromaprint needs several seconds before it emits anything, and short
/// one-shots must still get comparable fingerprints.
/// </summary>
internal static unsafe class Fingerprinter
{
    public const double MinSeconds = 3;
    private const int ChromaprintRate = 11025;
    private static readonly float[] s_halfBand = HalfBand(31);
    private static readonly ConcurrentBag<ChromaprintHandle> s_pool = [];

    /// <summary>Fingerprints <paramref name="signal"/>, first brought to Chromaprint's native 11025 Hz so that it builds no resampler.</summary>
    public static FingerprintInfo Compute(ReadOnlySpan<float> signal, int sampleRate)
    {
        float[]? rented = null;
        var mono = sampleRate == 2 * ChromaprintRate ? Decimate(signal, rented = ArrayPool<float>.Shared.Rent((signal.Length + 1) / 2))
            : sampleRate == ChromaprintRate ? signal
            : Dsp.Resampler.Resample(signal, 1, sampleRate, ChromaprintRate, Dsp.ResampleQuality.Low);
        try
        {
            return Fingerprint(mono);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<float>.Shared.Return(rented);
            }
        }
    }

    private static FingerprintInfo Fingerprint(ReadOnlySpan<float> mono)
    {
        var context = s_pool.TryTake(out var pooled) ? pooled : Chromaprint.New(Chromaprint.AlgorithmDefault);
        if (context.IsInvalid || Chromaprint.Start(context, ChromaprintRate, 1) != 1)
        {
            context.Dispose();
            throw new AudioNativeException(Chromaprint.Library, "chromaprint_start", $"mono at {ChromaprintRate} Hz");
        }

        try
        {
            return Run(context, mono);
        }
        finally
        {
            // chromaprint_start resets a context for a new stream, so contexts are reused.
            if (s_pool.Count < 16)
            {
                s_pool.Add(context);
            }
            else
            {
                context.Dispose();
            }
        }
    }

    private static FingerprintInfo Run(ChromaprintHandle context, ReadOnlySpan<float> mono)
    {
        var minSamples = (int)(MinSeconds * ChromaprintRate);
        var looped = mono.Length > 0 && mono.Length < minSamples;
        var fed = 0;
        var buffer = ArrayPool<short>.Shared.Rent(8192);
        try
        {
            do
            {
                for (var start = 0; start < mono.Length; start += 8192)
                {
                    var n = Math.Min(8192, mono.Length - start);
                    Convert(mono.Slice(start, n), buffer);
                    fixed (short* p = buffer)
                    {
                        Chromaprint.Feed(context, p, n);
                    }

                    fed += n;
                }
            }
            while (looped && fed < minSamples);
        }
        finally
        {
            ArrayPool<short>.Shared.Return(buffer);
        }

        if (Chromaprint.Finish(context) != 1)
        {
            throw new AudioNativeException(Chromaprint.Library, "chromaprint_finish", "failed");
        }

        return Read(context, looped);
    }

    /// <summary>2:1 decimation with a Hann-windowed sinc low-pass at 0.2 of the input rate, into <paramref name="buffer"/>; returns the part written.</summary>
    private static ReadOnlySpan<float> Decimate(ReadOnlySpan<float> x, float[] buffer)
    {
        var output = buffer.AsSpan(0, (x.Length + 1) / 2);
        var half = s_halfBand.Length / 2;
        for (var m = 0; m < output.Length; m++)
        {
            var centre = 2 * m;
            if (centre - half >= 0 && centre + half < x.Length)
            {
                output[m] = System.Numerics.Tensors.TensorPrimitives.Dot(x.Slice(centre - half, s_halfBand.Length), s_halfBand);
                continue;
            }

            var sum = 0f;
            for (var k = 0; k < s_halfBand.Length; k++)
            {
                var n = centre - half + k;
                sum += n >= 0 && n < x.Length ? x[n] * s_halfBand[k] : 0;
            }

            output[m] = sum;
        }

        return output;
    }

    private static float[] HalfBand(int taps)
    {
        var h = new float[taps];
        var half = taps / 2;
        var sum = 0.0;
        for (var k = 0; k < taps; k++)
        {
            var t = k - half;
            var sinc = t == 0 ? 1 : Math.Sin(2 * Math.PI * 0.2 * t) / (2 * Math.PI * 0.2 * t);
            var window = 0.5 + (0.5 * Math.Cos(Math.PI * t / (half + 1)));
            h[k] = (float)(sinc * window);
            sum += h[k];
        }

        for (var k = 0; k < taps; k++)
        {
            h[k] = (float)(h[k] / sum);
        }

        return h;
    }

    private static void Convert(ReadOnlySpan<float> source, Span<short> target)
    {
        for (var i = 0; i < source.Length; i++)
        {
            target[i] = (short)Math.Clamp(source[i] * 32767f, -32768f, 32767f);
        }
    }

    private static FingerprintInfo Read(ChromaprintHandle context, bool looped)
    {
        if (Chromaprint.GetRawFingerprint(context, out var raw, out var size) != 1)
        {
            throw new AudioNativeException(Chromaprint.Library, "chromaprint_get_raw_fingerprint", "failed");
        }

        try
        {
            var items = new int[Math.Max(0, size)];
            if (size > 0)
            {
                new ReadOnlySpan<int>((void*)raw, size).CopyTo(items);
            }

            var encoded = string.Empty;
            if (size > 0 && Chromaprint.EncodeFingerprint((uint*)raw, size, Chromaprint.AlgorithmDefault, out var text, out var length, 1) == 1)
            {
                encoded = Marshal.PtrToStringUTF8(text, length);
                Chromaprint.Dealloc(text);
            }

            return new FingerprintInfo { Raw = items, Encoded = encoded, Looped = looped };
        }
        finally
        {
            Chromaprint.Dealloc(raw);
        }
    }
}
