using System.Runtime.InteropServices;
using SampleMind.Audio.Errors;

namespace SampleMind.Audio.Interop;

/// <summary>
/// Start-up probe of the native audio libraries. <see cref="EnsureLoaded"/> loads each one and
/// reports every missing library at once, naming the Debian package that provides it.
/// </summary>
public static class AudioNatives
{
    private static readonly (string Library, string Package)[] s_required =
    [
        (SndFile.Library, "libsndfile1"),
        (Fftw.Library, "libfftw3-single3"),
        (Aubio.Library, "libaubio5"),
        (Ebur128.Library, "libebur128-1"),
        (Chromaprint.Library, "libchromaprint1"),
        (Soxr.Library, "libsoxr0"),
    ];

    private static volatile bool s_loaded;

    /// <summary>The libraries that cannot be loaded, each with the Debian package to install; empty when all load.</summary>
    public static IReadOnlyList<string> FindMissing()
    {
        var missing = new List<string>();
        foreach (var (library, package) in s_required)
        {
            if (NativeLibrary.TryLoad(library, typeof(AudioNatives).Assembly, null, out _))
            {
                continue;
            }

            missing.Add($"{library} (apt-get install {package})");
        }

        return missing;
    }

    /// <summary>Throws <see cref="AudioNativeLibraryMissingException"/> naming every missing library; cheap after the first success.</summary>
    public static void EnsureLoaded()
    {
        if (s_loaded)
        {
            return;
        }

        var missing = FindMissing();
        if (missing.Count > 0)
        {
            throw new AudioNativeLibraryMissingException(missing);
        }

        s_loaded = true;
    }
}
