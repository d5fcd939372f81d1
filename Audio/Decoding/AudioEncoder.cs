namespace SampleMind.Audio;

/// <summary>Writes interleaved float audio as WAV or FLAC with libsndfile (float → integer conversion clips, not wraps).</summary>
public static class AudioEncoder
{
    /// <summary>Writes a WAV file: 16, 24 or 32-bit integer PCM, or 32-bit float when <paramref name="floatingPoint"/>.</summary>
    public static void WriteWav(string path, ReadOnlySpan<float> interleaved, int sampleRate, int channels, int bitDepth = 16, bool floatingPoint = false)
    {
        CheckWhole(interleaved, channels);
        using var writer = AudioFileWriter.CreateWav(path, sampleRate, channels, bitDepth, floatingPoint);
        writer.Write(interleaved);
    }

    /// <summary>Writes a FLAC file with 16 or 24-bit samples (FLAC rates up to 655350 Hz, at most 8 channels).</summary>
    public static void WriteFlac(string path, ReadOnlySpan<float> interleaved, int sampleRate, int channels, int bitDepth = 16)
    {
        CheckWhole(interleaved, channels);
        using var writer = AudioFileWriter.CreateFlac(path, sampleRate, channels, bitDepth);
        writer.Write(interleaved);
    }

    private static void CheckWhole(ReadOnlySpan<float> interleaved, int channels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        if (interleaved.Length % channels != 0)
        {
            throw new ArgumentException("sample count is not a multiple of the channel count", nameof(interleaved));
        }
    }
}
