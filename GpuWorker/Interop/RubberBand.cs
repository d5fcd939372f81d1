using System.Runtime.InteropServices;

namespace SampleMind.GpuWorker.Interop;

/// <summary>librubberband's C API (rubberband-c.h): offline time-stretching and pitch-shifting.</summary>
internal static unsafe partial class RubberBand
{
    public const string Library = "librubberband.so.2";

    /// <summary>RubberBandOptionProcessOffline (study the whole input, then process).</summary>
    public const int OptionProcessOffline = 0x00000000;

    /// <summary>RubberBandOptionPitchHighQuality.</summary>
    public const int OptionPitchHighQuality = 0x02000000;

    /// <summary>RubberBandOptionEngineFiner (the R3 engine, Rubber Band 3.0 and later).</summary>
    public const int OptionEngineFiner = 0x20000000;

    [LibraryImport(Library, EntryPoint = "rubberband_new")]
    public static partial nint New(uint sampleRate, uint channels, int options, double initialTimeRatio, double initialPitchScale);

    [LibraryImport(Library, EntryPoint = "rubberband_delete")]
    public static partial void Delete(nint state);

    [LibraryImport(Library, EntryPoint = "rubberband_set_expected_input_duration")]
    public static partial void SetExpectedInputDuration(RubberBandHandle state, uint samples);

    [LibraryImport(Library, EntryPoint = "rubberband_set_max_process_size")]
    public static partial void SetMaxProcessSize(RubberBandHandle state, uint samples);

    [LibraryImport(Library, EntryPoint = "rubberband_study")]
    public static partial void Study(RubberBandHandle state, float** input, uint samples, int final);

    [LibraryImport(Library, EntryPoint = "rubberband_process")]
    public static partial void Process(RubberBandHandle state, float** input, uint samples, int final);

    [LibraryImport(Library, EntryPoint = "rubberband_available")]
    public static partial int Available(RubberBandHandle state);

    [LibraryImport(Library, EntryPoint = "rubberband_retrieve")]
    public static partial uint Retrieve(RubberBandHandle state, float** output, uint samples);
}

/// <summary>A RubberBandState, deleted when released.</summary>
internal sealed class RubberBandHandle : SafeHandle
{
    public RubberBandHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    public static RubberBandHandle Create(int sampleRate, int channels, double timeRatio, double pitchScale)
    {
        var state = RubberBand.New((uint)sampleRate, (uint)channels,
            RubberBand.OptionProcessOffline | RubberBand.OptionEngineFiner | RubberBand.OptionPitchHighQuality, timeRatio, pitchScale);
        var result = new RubberBandHandle();
        result.SetHandle(state);
        return result.IsInvalid ? throw new InvalidOperationException("rubberband_new returned no state") : result;
    }

    protected override bool ReleaseHandle()
    {
        RubberBand.Delete(handle);
        return true;
    }
}
