using SampleMind.Audio.Errors;
using SampleMind.Audio.Interop;

namespace SampleMind.Audio;

/// <summary>Writes interleaved float audio as WAV or FLAC with libsndfile (float → integer conversion clips, not wraps).</summary>
public static unsafe class AudioEncoder
{
    /// <summary>Writes a WAV file: 16, 24 or 32-bit integer PCM, or 32-bit float when <paramref name="floatingPoint"/>.</summary>
    public static void WriteWav(string path, ReadOnlySpan<float> interleaved, int sampleRate, int channels, int bitDepth = 16, bool floatingPoint = false)
    {
        var sub = floatingPoint ? SndFile.SubFloat : bitDepth switch
        {
            16 => SndFile.SubPcm16,
            24 => SndFile.SubPcm24,
            32 => SndFile.SubPcm32,
            _ => throw new ArgumentOutOfRangeException(nameof(bitDepth), "WAV bit depth must be 16, 24 or 32"),
        };
        Write(path, interleaved, sampleRate, channels, SndFile.FormatWav | sub);
    }

    /// <summary>Writes a FLAC file with 16 or 24-bit samples (FLAC rates up to 655350 Hz, at most 8 channels).</summary>
    public static void WriteFlac(string path, ReadOnlySpan<float> interleaved, int sampleRate, int channels, int bitDepth = 16)
    {
        var sub = bitDepth switch
        {
            16 => SndFile.SubPcm16,
            24 => SndFile.SubPcm24,
            _ => throw new ArgumentOutOfRangeException(nameof(bitDepth), "FLAC bit depth must be 16 or 24"),
        };
        Write(path, interleaved, sampleRate, channels, SndFile.FormatFlac | sub);
    }

    private static void Write(string path, ReadOnlySpan<float> interleaved, int sampleRate, int channels, int format)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        if (interleaved.Length % channels != 0)
        {
            throw new ArgumentException("sample count is not a multiple of the channel count", nameof(interleaved));
        }

        AudioNatives.EnsureLoaded();
        var info = new SfInfo { SampleRate = sampleRate, Channels = channels, Format = format };
        if (SndFile.FormatCheck(ref info) == 0)
        {
            throw new AudioEncodeException($"libsndfile rejects format 0x{format:x} with {channels} channels at {sampleRate} Hz");
        }

        using var file = SndFile.Open(path, SndFile.ModeWrite, ref info);
        if (file.IsInvalid)
        {
            throw new AudioEncodeException($"Cannot create '{path}': {SndFile.LastError(null)}");
        }

        SndFile.Command(file, SndFile.CommandSetClipping, 0, 1);
        var frames = interleaved.Length / channels;
        long written;
        fixed (float* p = interleaved)
        {
            written = SndFile.WriteFramesFloat(file, p, frames);
        }

        if (written != frames)
        {
            throw new AudioEncodeException($"Wrote {written} of {frames} frames to '{path}': {SndFile.LastError(file)}");
        }
    }
}
