using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace SampleMind.Audio.Interop;

/// <summary>
/// P/Invoke surface of single-precision FFTW 3 (fftw3.h). The planner is not thread-safe: every
/// plan creation and destruction (ours and aubio's, which links the same library) happens under
/// <see cref="PlannerLock"/>; the new-array execute functions are thread-safe.
/// </summary>
internal static unsafe partial class Fftw
{
    public const string Library = "libfftw3f.so.3";
    public const uint Estimate = 1u << 6;
    public const uint Unaligned = 1u << 1;

    /// <summary>Serialises every call into the FFTW planner in this process.</summary>
    public static readonly Lock PlannerLock = new();

    [LibraryImport(Library, EntryPoint = "fftwf_plan_dft_r2c_1d")]
    internal static partial FftwPlanHandle PlanR2C(int n, float* input, float* output, uint flags);

    [LibraryImport(Library, EntryPoint = "fftwf_plan_dft_c2r_1d")]
    internal static partial FftwPlanHandle PlanC2R(int n, float* input, float* output, uint flags);

    [LibraryImport(Library, EntryPoint = "fftwf_execute_dft_r2c")]
    internal static partial void ExecuteR2C(FftwPlanHandle plan, float* input, float* output);

    [LibraryImport(Library, EntryPoint = "fftwf_execute_dft_c2r")]
    internal static partial void ExecuteC2R(FftwPlanHandle plan, float* input, float* output);

    [LibraryImport(Library, EntryPoint = "fftwf_destroy_plan")]
    internal static partial void DestroyPlan(nint plan);
}

/// <summary>Owns one fftwf_plan; destroyed under the planner lock.</summary>
internal sealed class FftwPlanHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public FftwPlanHandle()
        : base(true)
    {
    }

    protected override bool ReleaseHandle()
    {
        lock (Fftw.PlannerLock)
        {
            Fftw.DestroyPlan(handle);
        }

        return true;
    }
}
