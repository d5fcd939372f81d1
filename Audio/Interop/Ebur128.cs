using System.Runtime.InteropServices;

namespace SampleMind.Audio.Interop;

/// <summary>P/Invoke surface of libebur128 1.2 (ebur128.h).</summary>
internal static unsafe partial class Ebur128
{
    public const string Library = "libebur128.so.1";
    public const int ModeM = 1;
    public const int ModeS = (1 << 1) | ModeM;
    public const int ModeI = (1 << 2) | ModeM;
    public const int ModeLra = (1 << 3) | ModeS;
    public const int ModeSamplePeak = (1 << 4) | ModeM;
    public const int ModeTruePeak = (1 << 5) | ModeM | ModeSamplePeak;
    public const int ModeHistogram = 1 << 6;

    [LibraryImport(Library, EntryPoint = "ebur128_init")]
    internal static partial Ebur128Handle Init(uint channels, nuint sampleRate, int mode);

    [LibraryImport(Library, EntryPoint = "ebur128_destroy")]
    internal static partial void Destroy(nint* state);

    [LibraryImport(Library, EntryPoint = "ebur128_add_frames_float")]
    internal static partial int AddFramesFloat(Ebur128Handle state, float* frames, nuint count);

    [LibraryImport(Library, EntryPoint = "ebur128_loudness_global")]
    internal static partial int LoudnessGlobal(Ebur128Handle state, out double loudness);

    [LibraryImport(Library, EntryPoint = "ebur128_loudness_range")]
    internal static partial int LoudnessRange(Ebur128Handle state, out double range);

    [LibraryImport(Library, EntryPoint = "ebur128_true_peak")]
    internal static partial int TruePeak(Ebur128Handle state, uint channel, out double peak);

    [LibraryImport(Library, EntryPoint = "ebur128_sample_peak")]
    internal static partial int SamplePeak(Ebur128Handle state, uint channel, out double peak);
}

/// <summary>Owns one ebur128_state*.</summary>
internal sealed class Ebur128Handle : SafeHandle
{
    public Ebur128Handle()
        : base(0, true)
    {
    }

    public override bool IsInvalid => handle == 0;

    protected override unsafe bool ReleaseHandle()
    {
        var state = handle;
        Ebur128.Destroy(&state);
        return true;
    }
}
