using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace SampleMind.Audio.Interop;

/// <summary>aubio's fvec_t: uint_t length, then smpl_t* data (16 bytes on x64).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct AubioVector
{
    public uint Length;
    public float* Data;
}

/// <summary>P/Invoke surface of aubio 0.4 pitch detection (aubio/pitch/pitch.h).</summary>
internal static unsafe partial class Aubio
{
    public const string Library = "libaubio.so.5";

    [LibraryImport(Library, EntryPoint = "new_aubio_pitch", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial AubioPitchHandle NewPitch(string method, uint bufferSize, uint hopSize, uint sampleRate);

    [LibraryImport(Library, EntryPoint = "aubio_pitch_do")]
    internal static partial void PitchDo(AubioPitchHandle pitch, AubioVector* input, AubioVector* output);

    [LibraryImport(Library, EntryPoint = "aubio_pitch_get_confidence")]
    internal static partial float PitchConfidence(AubioPitchHandle pitch);

    [LibraryImport(Library, EntryPoint = "aubio_pitch_set_unit", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial uint PitchSetUnit(AubioPitchHandle pitch, string unit);

    [LibraryImport(Library, EntryPoint = "aubio_pitch_set_silence")]
    internal static partial uint PitchSetSilence(AubioPitchHandle pitch, float silenceDb);

    [LibraryImport(Library, EntryPoint = "aubio_pitch_set_tolerance")]
    internal static partial uint PitchSetTolerance(AubioPitchHandle pitch, float tolerance);

    [LibraryImport(Library, EntryPoint = "del_aubio_pitch")]
    internal static partial void DeletePitch(nint pitch);
}

/// <summary>Owns one aubio_pitch_t; deleted under the FFTW planner lock (it destroys FFTW plans).</summary>
internal sealed class AubioPitchHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public AubioPitchHandle()
        : base(true)
    {
    }

    protected override bool ReleaseHandle()
    {
        lock (Fftw.PlannerLock)
        {
            Aubio.DeletePitch(handle);
        }

        return true;
    }
}
