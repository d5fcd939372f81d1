using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using SampleMind.Audio.Errors;
using SampleMind.Audio.Interop;

namespace SampleMind.Audio.Dsp;

/// <summary>
/// Real FFT of one size with FFTW plans made once (FFTW_ESTIMATE | FFTW_UNALIGNED, under the planner
/// lock) and cached for the process; execution uses FFTW's thread-safe new-array functions.
/// Spectra are interleaved complex (re, im), n/2 + 1 bins, unnormalised.
/// </summary>
internal sealed unsafe class RealFft
{
    private static readonly ConcurrentDictionary<int, RealFft> s_cache = new();
    private readonly FftwPlanHandle _forward;
    private readonly FftwPlanHandle _inverse;

    private RealFft(int size)
    {
        Size = size;
        var input = (float*)NativeMemory.AlignedAlloc((nuint)(size + 2) * sizeof(float), 64);
        var output = (float*)NativeMemory.AlignedAlloc((nuint)(size + 2) * sizeof(float), 64);
        try
        {
            lock (Fftw.PlannerLock)
            {
                _forward = Fftw.PlanR2C(size, input, output, Fftw.Estimate | Fftw.Unaligned);
                _inverse = Fftw.PlanC2R(size, output, input, Fftw.Estimate | Fftw.Unaligned);
            }
        }
        finally
        {
            NativeMemory.AlignedFree(input);
            NativeMemory.AlignedFree(output);
        }

        if (_forward.IsInvalid || _inverse.IsInvalid)
        {
            throw new AudioNativeException(Fftw.Library, "fftwf_plan_dft_r2c_1d", $"no plan for size {size}");
        }
    }

    public int Size { get; }

    public int Bins => (Size / 2) + 1;

    public static RealFft Get(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2);
        return s_cache.GetOrAdd(size, static n => new RealFft(n));
    }

    /// <summary>Forward transform of <paramref name="input"/> (Size floats) into <paramref name="spectrum"/> (2 * Bins floats).</summary>
    public void Forward(ReadOnlySpan<float> input, Span<float> spectrum)
    {
        if (input.Length < Size || spectrum.Length < 2 * Bins)
        {
            throw new ArgumentException("buffer too small for the FFT size");
        }

        fixed (float* i = input)
        fixed (float* o = spectrum)
        {
            Fftw.ExecuteR2C(_forward, i, o);
        }
    }

    /// <summary>Inverse transform (unnormalised: the result is Size times the signal); destroys <paramref name="spectrum"/>.</summary>
    public void Inverse(Span<float> spectrum, Span<float> output)
    {
        if (output.Length < Size || spectrum.Length < 2 * Bins)
        {
            throw new ArgumentException("buffer too small for the FFT size");
        }

        fixed (float* i = spectrum)
        fixed (float* o = output)
        {
            Fftw.ExecuteC2R(_inverse, i, o);
        }
    }
}
