using SampleMind.Audio.Errors;
using SampleMind.Audio.Interop;

namespace SampleMind.Audio.Dsp;

/// <summary>A soxr resampler fed in chunks (interleaved float32), writing into a <see cref="SampleBuffer"/>.</summary>
internal sealed unsafe class StreamingResampler : IDisposable
{
    private readonly SoxrHandle _handle;
    private readonly int _channels;
    private readonly double _ratio;

    public StreamingResampler(double inputRate, double outputRate, int channels, ResampleQuality quality)
    {
        _channels = channels;
        _ratio = outputRate / inputRate;
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

    public void Dispose() => _handle.Dispose();

    private static void Check(nint error)
    {
        var text = Soxr.ErrorText(error);
        if (text is not null)
        {
            throw new AudioNativeException(Soxr.Library, "soxr_process", text);
        }
    }
}
