using SampleMind.Audio.Errors;
using SampleMind.Audio.Interop;

namespace SampleMind.Audio;

/// <summary>
/// Writes interleaved float audio to a WAV or FLAC file block by block with libsndfile (float →
/// integer conversion clips, not wraps). Dispose closes the file (and finishes its header).
/// </summary>
public sealed unsafe class AudioFileWriter : IDisposable
{
    private readonly SndFileHandle _file;
    private readonly string _path;

    private AudioFileWriter(SndFileHandle file, string path, int channels)
    {
        _file = file;
        _path = path;
        Channels = channels;
    }

    /// <summary>Channel count.</summary>
    public int Channels { get; }

    /// <summary>Frames written so far.</summary>
    public long Frames { get; private set; }

    /// <summary>A WAV file: 16, 24 or 32-bit integer PCM, or 32-bit float when <paramref name="floatingPoint"/>.</summary>
    public static AudioFileWriter CreateWav(string path, int sampleRate, int channels, int bitDepth = 16, bool floatingPoint = false)
    {
        var sub = floatingPoint ? SndFile.SubFloat : bitDepth switch
        {
            16 => SndFile.SubPcm16,
            24 => SndFile.SubPcm24,
            32 => SndFile.SubPcm32,
            _ => throw new ArgumentOutOfRangeException(nameof(bitDepth), "WAV bit depth must be 16, 24 or 32"),
        };
        return Create(path, sampleRate, channels, SndFile.FormatWav | sub);
    }

    /// <summary>A FLAC file with 16 or 24-bit samples (FLAC rates up to 655350 Hz, at most 8 channels).</summary>
    public static AudioFileWriter CreateFlac(string path, int sampleRate, int channels, int bitDepth = 16)
    {
        var sub = bitDepth switch
        {
            16 => SndFile.SubPcm16,
            24 => SndFile.SubPcm24,
            _ => throw new ArgumentOutOfRangeException(nameof(bitDepth), "FLAC bit depth must be 16 or 24"),
        };
        return Create(path, sampleRate, channels, SndFile.FormatFlac | sub);
    }

    /// <summary>Appends whole frames; throws <see cref="AudioEncodeException"/> when libsndfile writes fewer.</summary>
    public void Write(ReadOnlySpan<float> interleaved)
    {
        if (interleaved.Length % Channels != 0)
        {
            throw new ArgumentException("sample count is not a multiple of the channel count", nameof(interleaved));
        }

        var frames = interleaved.Length / Channels;
        long written;
        fixed (float* p = interleaved)
        {
            written = SndFile.WriteFramesFloat(_file, p, frames);
        }

        if (written != frames)
        {
            throw new AudioEncodeException($"Wrote {written} of {frames} frames to '{_path}': {SndFile.LastError(_file)}");
        }

        Frames += frames;
    }

    public void Dispose() => _file.Dispose();

    private static AudioFileWriter Create(string path, int sampleRate, int channels, int format)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        AudioNatives.EnsureLoaded();
        var info = new SfInfo { SampleRate = sampleRate, Channels = channels, Format = format };
        if (SndFile.FormatCheck(ref info) == 0)
        {
            throw new AudioEncodeException($"libsndfile rejects format 0x{format:x} with {channels} channels at {sampleRate} Hz");
        }

        var file = SndFile.Open(path, SndFile.ModeWrite, ref info);
        if (file.IsInvalid)
        {
            file.Dispose();
            throw new AudioEncodeException($"Cannot create '{path}': {SndFile.LastError(null)}");
        }

        SndFile.Command(file, SndFile.CommandSetClipping, 0, 1);
        return new AudioFileWriter(file, path, channels);
    }
}
