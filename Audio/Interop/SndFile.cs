using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace SampleMind.Audio.Interop;

/// <summary>SF_INFO from sndfile.h: sf_count_t frames, then five ints (32 bytes with padding).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SfInfo
{
    public long Frames;
    public int SampleRate;
    public int Channels;
    public int Format;
    public int Sections;
    public int Seekable;
}

/// <summary>
/// SF_VIRTUAL_IO from sndfile.h: get_filelen, seek, read, write and tell callbacks, each given the user data pointer.
/// libsndfile copies the struct at sf_open_virtual; the user data must outlive the SNDFILE.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SfVirtualIo
{
    public delegate* unmanaged<void*, long> GetFileLength;
    public delegate* unmanaged<long, int, void*, long> Seek;
    public delegate* unmanaged<void*, long, void*, long> Read;
    public delegate* unmanaged<void*, long, void*, long> Write;
    public delegate* unmanaged<void*, long> Tell;
}

/// <summary>P/Invoke surface of libsndfile 1.x (sndfile.h).</summary>
internal static unsafe partial class SndFile
{
    public const string Library = "libsndfile.so.1";
    public const int ModeRead = 0x10;
    public const int ModeWrite = 0x20;
    public const int TypeMask = 0x0FFF0000;
    public const int SubMask = 0x0000FFFF;
    public const int FormatWav = 0x010000;
    public const int FormatAiff = 0x020000;
    public const int FormatWavex = 0x130000;
    public const int FormatFlac = 0x170000;
    public const int SubPcm16 = 0x0002;
    public const int SubPcm24 = 0x0003;
    public const int SubPcm32 = 0x0004;
    public const int SubFloat = 0x0006;
    public const int CommandSetClipping = 0x10C0;

    /// <summary>SFC_GET_LOG_INFO: copies the header parser's log (libsndfile keeps its first couple of kilobytes).</summary>
    public const int CommandGetLogInfo = 0x1001;

    [LibraryImport(Library, EntryPoint = "sf_open", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial SndFileHandle Open(string path, int mode, ref SfInfo info);

    /// <summary>sf_open_virtual: opens a file read through <paramref name="io"/>'s callbacks, with <paramref name="userData"/> passed to each.</summary>
    [LibraryImport(Library, EntryPoint = "sf_open_virtual")]
    internal static partial SndFileHandle OpenVirtual(SfVirtualIo* io, int mode, ref SfInfo info, void* userData);

    [LibraryImport(Library, EntryPoint = "sf_readf_float")]
    internal static partial long ReadFramesFloat(SndFileHandle file, float* buffer, long frames);

    [LibraryImport(Library, EntryPoint = "sf_writef_float")]
    internal static partial long WriteFramesFloat(SndFileHandle file, float* buffer, long frames);

    [LibraryImport(Library, EntryPoint = "sf_command")]
    internal static partial int Command(SndFileHandle file, int command, nint data, int dataSize);

    [LibraryImport(Library, EntryPoint = "sf_format_check")]
    internal static partial int FormatCheck(ref SfInfo info);

    [LibraryImport(Library, EntryPoint = "sf_error")]
    internal static partial int Error(SndFileHandle file);

    [LibraryImport(Library, EntryPoint = "sf_strerror")]
    internal static partial nint StrError(nint file);

    [LibraryImport(Library, EntryPoint = "sf_close")]
    internal static partial int Close(nint file);

    /// <summary>What libsndfile's header parser logged while opening <paramref name="file"/>: the chunks it read and the sizes it corrected.</summary>
    internal static string LogInfo(SndFileHandle file)
    {
        const int Size = 4096;
        var buffer = stackalloc byte[Size];
        var length = Command(file, CommandGetLogInfo, (nint)buffer, Size);
        return length > 0 ? Marshal.PtrToStringUTF8((nint)buffer, Math.Min(length, Size)) : string.Empty;
    }

    /// <summary>The message of the last error on <paramref name="file"/>, or of the last failed open.</summary>
    internal static string LastError(SndFileHandle? file)
    {
        if (file is null || file.IsInvalid)
        {
            return Marshal.PtrToStringUTF8(StrError(0)) ?? "unknown libsndfile error";
        }

        var added = false;
        try
        {
            file.DangerousAddRef(ref added);
            return Marshal.PtrToStringUTF8(StrError(file.DangerousGetHandle())) ?? "unknown libsndfile error";
        }
        finally
        {
            if (added)
            {
                file.DangerousRelease();
            }
        }
    }
}

/// <summary>Owns one SNDFILE*; sf_close on release.</summary>
internal sealed class SndFileHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SndFileHandle()
        : base(true)
    {
    }

    protected override bool ReleaseHandle() => SndFile.Close(handle) == 0;
}
