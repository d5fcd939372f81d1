using System.Buffers;
using Microsoft.Extensions.Options;
using SampleMind.Audio.Decoding;
using SampleMind.Audio.Dsp;
using SampleMind.Audio.Errors;
using SampleMind.Audio.Interop;

namespace SampleMind.Audio;

/// <summary>
/// Reads a whole audio file into memory: libsndfile for WAV/AIFF/FLAC/OGG/MP3, ffmpeg for the rest.
/// Thread-safe. Throws <see cref="AudioDecodeException"/> or <see cref="AudioTooLongException"/>.
/// </summary>
public sealed class AudioDecoder
{
    private readonly AudioAnalyzerOptions _options;

    public AudioDecoder(IOptions<AudioAnalyzerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        AudioNatives.EnsureLoaded();
    }

    /// <summary>Creates a decoder with default options.</summary>
    public AudioDecoder()
        : this(Options.Create(new AudioAnalyzerOptions()))
    {
    }

    /// <summary>Decodes <paramref name="path"/> on the thread pool.</summary>
    public Task<DecodedAudio> DecodeAsync(string path, CancellationToken ct) => Task.Run(() => Decode(path, ct), ct);

    /// <summary>Decodes <paramref name="path"/> on the calling thread.</summary>
    public DecodedAudio Decode(string path, CancellationToken ct = default)
    {
        using var reader = AudioReaders.Open(path, _options, ct);
        var maxFrames = (long)(_options.MaxDuration.TotalSeconds * reader.SampleRate);
        if (reader.KnownFrames > maxFrames)
        {
            throw new AudioTooLongException(TimeSpan.FromSeconds((double)reader.KnownFrames.Value / reader.SampleRate), _options.MaxDuration);
        }

        using var samples = new SampleBuffer((int)Math.Min(maxFrames, reader.KnownFrames ?? 65536) * reader.Channels + 16);
        var chunk = ArrayPool<float>.Shared.Rent(_options.ChunkFrames * reader.Channels);
        try
        {
            int read;
            while ((read = reader.Read(chunk.AsSpan(0, _options.ChunkFrames * reader.Channels))) > 0)
            {
                ct.ThrowIfCancellationRequested();
                if ((samples.Count / reader.Channels) + read > maxFrames)
                {
                    throw new AudioTooLongException(TimeSpan.FromSeconds((double)((samples.Count / reader.Channels) + read) / reader.SampleRate), _options.MaxDuration);
                }

                var span = chunk.AsSpan(0, read * reader.Channels);
                foreach (ref var v in span)
                {
                    v = float.IsFinite(v) ? v : 0;
                }

                samples.Append(span);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(chunk);
        }

        var frames = samples.Count / reader.Channels;
        if (frames == 0)
        {
            throw new AudioDecodeException(path, "no audio frames");
        }

        return new DecodedAudio(samples.ToArray(), FormatFacts.From(reader, frames));
    }
}
