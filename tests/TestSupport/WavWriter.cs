namespace SampleMind.TestSupport;

/// <summary>Writes 16-bit PCM WAV files of generated signals, for tests that need real audio files.</summary>
public static class WavWriter
{
    /// <summary>A sine of <paramref name="frequency"/> Hz for <paramref name="seconds"/> s, mono, at -6 dBFS.</summary>
    public static void Sine(string path, double frequency, double seconds, int sampleRate = 22050)
    {
        var samples = new float[(int)(seconds * sampleRate)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)(0.5 * Math.Sin(2 * Math.PI * frequency * i / sampleRate));
        }

        Write(path, samples, sampleRate, 1);
    }

    /// <summary>Writes interleaved float samples (clamped to [-1, 1]) as 16-bit PCM.</summary>
    public static void Write(string path, ReadOnlySpan<float> interleaved, int sampleRate, int channels)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new BinaryWriter(File.Create(path));
        var dataBytes = interleaved.Length * 2;
        writer.Write("RIFF"u8);
        writer.Write(36 + dataBytes);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)channels);
        writer.Write(sampleRate);
        writer.Write(sampleRate * channels * 2);
        writer.Write((short)(channels * 2));
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(dataBytes);
        foreach (var sample in interleaved)
        {
            writer.Write((short)Math.Round(Math.Clamp(sample, -1f, 1f) * short.MaxValue));
        }
    }
}
