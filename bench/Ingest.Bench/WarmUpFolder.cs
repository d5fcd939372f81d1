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

    /// <summary>The files a job of this folder links as duplicates: the last file is a copy of the first.</summary>
    public int Duplicates => Files > 1 ? 1 : 0;

    /// <summary>
    /// <paramref name="files"/> one-second sines of different pitches, 16-bit WAV in the shapes samples-dev has most
    /// (in turn: 44.1 kHz mono, 44.1 kHz stereo, 22.05 kHz mono, 48 kHz stereo), so that the resampling and
    /// down-mixing paths are warm too; every fifth one is driven into clipping, so that the paths of samples
    /// with defects (detection, their records and catalogue rows) are warm as well. The last one (of two or more) is
    /// a byte copy of the first, so that the path of a file linked as a duplicate is warm too (the timed job of
    /// samples-dev links a dozen).
    /// </summary>
    public static WarmUpFolder Create(int files)
    {
        (int Rate, int Channels)[] shapes = [(44100, 1), (44100, 2), (22050, 1), (48000, 2)];
        var path = Directory.CreateTempSubdirectory("samplemind-ingest-warmup-").FullName;
        for (var i = 0; i < files; i++)
        {
            var name = System.IO.Path.Combine(path, $"tone-{i.ToString("D3", CultureInfo.InvariantCulture)}.wav");
            if (i > 0 && i == files - 1)
            {
                File.Copy(System.IO.Path.Combine(path, "tone-000.wav"), name);
                break;
            }

            var (rate, channels) = shapes[i % shapes.Length];
            var frequency = 220 + (37 * i);
            var gain = i % 5 == 4 ? 2.0 : 0.5;
            var samples = new float[rate * channels];
            for (var n = 0; n < samples.Length; n++)
            {
                var frame = n / channels;
                var value = gain * Math.Sin(2 * Math.PI * frequency * frame / rate) * (n % channels == 0 ? 1 : 0.7);
                samples[n] = (float)Math.Clamp(value, -1.0, 1.0);
            }

            WavWriter.Write(name, samples, rate, channels);
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
