using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace SampleMind.Audio.Interop;

/// <summary>P/Invoke surface of Chromaprint 1.5 (chromaprint.h). Functions return 1 on success.</summary>
internal static unsafe partial class Chromaprint
{
    public const string Library = "libchromaprint.so.1";
    public const int AlgorithmDefault = 1;

    [LibraryImport(Library, EntryPoint = "chromaprint_new")]
    internal static partial ChromaprintHandle New(int algorithm);

    [LibraryImport(Library, EntryPoint = "chromaprint_free")]
    internal static partial void Free(nint context);

    [LibraryImport(Library, EntryPoint = "chromaprint_start")]
    internal static partial int Start(ChromaprintHandle context, int sampleRate, int channels);

    [LibraryImport(Library, EntryPoint = "chromaprint_feed")]
    internal static partial int Feed(ChromaprintHandle context, short* data, int size);

    [LibraryImport(Library, EntryPoint = "chromaprint_finish")]
    internal static partial int Finish(ChromaprintHandle context);

    [LibraryImport(Library, EntryPoint = "chromaprint_get_raw_fingerprint")]
    internal static partial int GetRawFingerprint(ChromaprintHandle context, out nint fingerprint, out int size);

    [LibraryImport(Library, EntryPoint = "chromaprint_encode_fingerprint")]
    internal static partial int EncodeFingerprint(uint* fingerprint, int size, int algorithm, out nint encoded, out int encodedSize, int base64);

    [LibraryImport(Library, EntryPoint = "chromaprint_dealloc")]
    internal static partial void Dealloc(nint pointer);
}

/// <summary>Owns one ChromaprintContext*.</summary>
internal sealed class ChromaprintHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public ChromaprintHandle()
        : base(true)
    {
    }

    protected override bool ReleaseHandle()
    {
        Chromaprint.Free(handle);
        return true;
    }
}
