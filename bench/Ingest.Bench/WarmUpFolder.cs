using System.Globalization;
using SampleMind.TestSupport;

namespace SampleMind.Ingest.Bench;

/// <summary>
/// A temp folder of generated tones that each host ingests (into its own library) before the timed
/// job, so that the timed job meets a warm host, as a long-running server is: the JIT has compiled
/// the ingest path, connection pools and grain types are set up. Different files from the measured
/// folder, so nothing of the timed job is cached or deduplicated by it.
/// </summary>
internal sealed class WarmUpFolder : IDisposable
{
    private WarmUpFolder(string path, int files)
    {
        Path = path;
        Files = files;
    }

    public string Path { get; }

    public int Files { get; }

    /// <summary><paramref name="files"/> one-second sines of different pitches, 44.1 kHz mono WAV.</summary>
    public static WarmUpFolder Create(int files)
    {
        var path = Directory.CreateTempSubdirectory("samplemind-ingest-warmup-").FullName;
        for (var i = 0; i < files; i++)
        {
            var name = System.IO.Path.Combine(path, $"tone-{i.ToString("D3", CultureInfo.InvariantCulture)}.wav");
            WavWriter.Sine(name, 220 + (37 * i), seconds: 1, sampleRate: 44100);
        }

        return new WarmUpFolder(path, files);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
