using System.Collections.Concurrent;
using SampleMind.Audio.Errors;
using SampleMind.Audio.Interop;

namespace SampleMind.Audio.Dsp;

/// <summary>
/// A soxr resampler fed in chunks (interleaved float32), writing into a <see cref="SampleBuffer"/>.
/// soxr instances are pooled per configuration (soxr_clear resets one for a fresh signal), since
/// building the filter costs more than resampling a short sample.
/// </summary>
internal sealed unsafe class StreamingResampler : IDisposable
{
    private const int MaxPooled = 16;
    private static readonly ConcurrentDictionary<(double, double, int, ResampleQuality), ConcurrentBag<SoxrHandle>> s_pool = new();
    private readonly (double, double, int, ResampleQuality) _key;
    private readonly SoxrHandle _handle;
    private bool _disposed;
    private readonly int _channels;
    private readonly double _ratio;

    public StreamingResampler(double inputRate, double outputRate, int channels, ResampleQuality quality)
    {
        _channels = channels;
        _ratio = outputRate / inputRate;
        _key = (inputRate, outputRate, channels, quality);
        if (s_pool.GetOrAdd(_key, static _ => []).TryTake(out var pooled))
        {
            _handle = pooled;
            return;
        }

        var spec = Soxr.QualitySpec(quality switch
        {
            ResampleQuality.Low => Soxr.QualityLow,
            ResampleQuality.Medium => Soxr.QualityMedium,
            _ => Soxr.QualityHigh,
        }, 0);
        _handle = Soxr.Create(inputRate, outputRate, (uint)channels, out var error, 0, &spec, 0);
        var text = Soxr.ErrorText(error);
        if (text is not null || _handle.IsInvalid)
        {
            _handle.Dispose();
            throw new AudioNativeException(Soxr.Library, "soxr_create", text ?? "returned null");
        }
    }

    /// <summary>Resamples <paramref name="input"/> (whole frames) and appends the output.</summary>
    public void Process(ReadOnlySpan<float> input, SampleBuffer output)
    {
        var frames = input.Length / _channels;
        while (frames > 0)
        {
            var room = (int)(frames * _ratio) + 256;
            var target = output.GetSpan(room * _channels);
            nuint done;
            nuint produced;
            nint error;
            fixed (float* inPtr = input)
            fixed (float* outPtr = target)
            {
                error = Soxr.Process(_handle, inPtr, (nuint)frames, out done, outPtr, (nuint)room, out produced);
            }

            Check(error);
            output.Advance((int)produced * _channels);
            input = input[((int)done * _channels)..];
            frames -= (int)done;
            if (done == 0 && produced == 0)
            {
                break;
            }
        }
    }

    /// <summary>Signals end of input and appends what soxr still holds.</summary>
    public void Flush(SampleBuffer output)
    {
        while (true)
        {
            const int room = 4096;
            var target = output.GetSpan(room * _channels);
            nuint produced;
            nint error;
            fixed (float* outPtr = target)
            {
                error = Soxr.Process(_handle, null, 0, out _, outPtr, room, out produced);
            }

            Check(error);
            output.Advance((int)produced * _channels);
            if (produced < room)
            {
                return;
            }
        }
    }

    /// <summary>Clears the resampler and returns it to the pool (or frees it when the pool is full or clearing fails).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        var bag = s_pool[_key];
        if (bag.Count < MaxPooled && Soxr.Clear(_handle) == 0)
        {
            bag.Add(_handle);
            return;
        }

        _handle.Dispose();
    }

    private static void Check(nint error)
    {
        var text = Soxr.ErrorText(error);
        if (text is not null)
        {
            throw new AudioNativeException(Soxr.Library, "soxr_process", text);
        }
    }
}
