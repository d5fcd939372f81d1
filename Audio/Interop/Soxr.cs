using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace SampleMind.Audio.Interop;

/// <summary>soxr_quality_spec_t (soxr.h): four doubles, a pointer, an unsigned long (48 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SoxrQualitySpec
{
    public double Precision;
    public double PhaseResponse;
    public double PassbandEnd;
    public double StopbandBegin;
    public nint Reserved;
    public nuint Flags;
}

/// <summary>P/Invoke surface of libsoxr 0.1 (soxr.h). Errors are returned as a C string, null on success.</summary>
internal static unsafe partial class Soxr
{
    public const string Library = "libsoxr.so.0";
    public const nuint QualityLow = 1;
    public const nuint QualityMedium = 2;
    public const nuint QualityHigh = 4;

    [LibraryImport(Library, EntryPoint = "soxr_quality_spec")]
    internal static partial SoxrQualitySpec QualitySpec(nuint recipe, nuint flags);

    [LibraryImport(Library, EntryPoint = "soxr_create")]
    internal static partial SoxrHandle Create(
        double inputRate, double outputRate, uint channels, out nint error, nint ioSpec, SoxrQualitySpec* quality, nint runtimeSpec);

    [LibraryImport(Library, EntryPoint = "soxr_process")]
    internal static partial nint Process(
        SoxrHandle resampler, float* input, nuint inputLength, out nuint inputDone, float* output, nuint outputLength, out nuint outputDone);

    [LibraryImport(Library, EntryPoint = "soxr_clear")]
    internal static partial nint Clear(SoxrHandle resampler);

    [LibraryImport(Library, EntryPoint = "soxr_delete")]
    internal static partial void Delete(nint resampler);

    internal static string? ErrorText(nint error) => error == 0 ? null : Marshal.PtrToStringUTF8(error);
}

/// <summary>Owns one soxr_t.</summary>
internal sealed class SoxrHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SoxrHandle()
        : base(true)
    {
    }

    protected override bool ReleaseHandle()
    {
        Soxr.Delete(handle);
        return true;
    }
}
