using System.Buffers;
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
    public const double MinSeconds = 4;

    public static FingerprintInfo Compute(ReadOnlySpan<float> mono, int sampleRate)
    {
        using var context = Chromaprint.New(Chromaprint.AlgorithmDefault);
        if (context.IsInvalid || Chromaprint.Start(context, sampleRate, 1) != 1)
        {
            throw new AudioNativeException(Chromaprint.Library, "chromaprint_start", $"mono at {sampleRate} Hz");
        }

        var minSamples = (int)(MinSeconds * sampleRate);
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
