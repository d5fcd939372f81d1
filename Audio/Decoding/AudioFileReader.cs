using SampleMind.Audio.Decoding;
using SampleMind.Audio.Errors;
using SampleMind.Audio.Interop;

namespace SampleMind.Audio;

/// <summary>
/// Reads an audio file block by block as interleaved float frames (libsndfile, ffmpeg for what it
/// cannot read), so a long file never sits whole in memory. Non-finite samples read as 0; reading
/// past <see cref="AudioAnalyzerOptions.MaxDuration"/> throws <see cref="AudioTooLongException"/>.
/// </summary>
public sealed class AudioFileReader : IDisposable
{
    private readonly IAudioReader _reader;
    private readonly long _maxFrames;
    private readonly TimeSpan _maxDuration;

    private AudioFileReader(IAudioReader reader, AudioAnalyzerOptions options)
    {
        _reader = reader;
        _maxDuration = options.MaxDuration;
        _maxFrames = (long)(options.MaxDuration.TotalSeconds * reader.SampleRate);
    }

    /// <summary>Sample rate in Hz.</summary>
    public int SampleRate => _reader.SampleRate;

    /// <summary>Channel count.</summary>
    public int Channels => _reader.Channels;

    /// <summary>Frames announced by the file's header, when known before reading.</summary>
    public long? KnownFrames => _reader.KnownFrames;

    /// <summary>Frames read so far.</summary>
    public long FramesRead { get; private set; }

    /// <summary>
    /// Opens <paramref name="path"/>; throws <see cref="AudioDecodeException"/> when it cannot be read
    /// and <see cref="AudioTooLongException"/> when its header announces more than the maximum duration.
    /// </summary>
    public static AudioFileReader Open(string path, AudioAnalyzerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AudioAnalyzerOptions();
        AudioNatives.EnsureLoaded();
        var reader = AudioReaders.Open(path, options, cancellationToken);
        var file = new AudioFileReader(reader, options);
        if (reader.KnownFrames > file._maxFrames)
        {
            file.Dispose();
            throw new AudioTooLongException(TimeSpan.FromSeconds((double)reader.KnownFrames.Value / reader.SampleRate), options.MaxDuration);
        }

        return file;
    }

    /// <summary>Reads up to <c>interleaved.Length / Channels</c> frames; returns how many, 0 at the end.</summary>
    public int Read(Span<float> interleaved)
    {
        var read = _reader.Read(interleaved[..(interleaved.Length / Channels * Channels)]);
        if (FramesRead + read > _maxFrames)
        {
            throw new AudioTooLongException(TimeSpan.FromSeconds((double)(FramesRead + read) / SampleRate), _maxDuration);
        }

        FramesRead += read;
        foreach (ref var v in interleaved[..(read * Channels)])
        {
            v = float.IsFinite(v) ? v : 0;
        }

        return read;
    }

    public void Dispose() => _reader.Dispose();
}
