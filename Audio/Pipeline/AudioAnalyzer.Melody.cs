using System.Buffers;
using SampleMind.Audio.Analysis;
using SampleMind.Audio.Decoding;
using SampleMind.Audio.Errors;
using SampleMind.Audio.Pipeline;

namespace SampleMind.Audio;

/// <summary>Pitch contours of clips (query by humming).</summary>
public sealed partial class AudioAnalyzer
{
    /// <summary>
    /// The per-frame pitch contour of a recorded clip (a hum, a sung or played phrase) of at most
    /// <paramref name="maxSeconds"/>: decoded, downmixed and resampled to the analysis rate, then tracked with aubio
    /// yinfft (<see cref="MelodyContour"/>). Longer clips fail with <see cref="AudioTooLongException"/>.
    /// </summary>
    public MelodyContour TrackMelodyFile(string path, double maxSeconds, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxSeconds, 0);
        var limited = new AudioAnalyzerOptions
        {
            AnalysisSampleRate = _options.AnalysisSampleRate,
            MaxDuration = TimeSpan.FromSeconds(Math.Min(maxSeconds, _options.MaxDuration.TotalSeconds)),
            ChunkFrames = _options.ChunkFrames,
            UseFfmpegFallback = _options.UseFfmpegFallback,
            FfmpegPath = _options.FfmpegPath,
            FfprobePath = _options.FfprobePath,
            FfmpegTimeout = _options.FfmpegTimeout,
            AnalysisResampleQuality = _options.AnalysisResampleQuality,
        };
        using var reader = AudioReaders.Open(path, limited, ct);
        if (reader.KnownFrames > (long)(limited.MaxDuration.TotalSeconds * reader.SampleRate))
        {
            throw new AudioTooLongException(TimeSpan.FromSeconds((double)reader.KnownFrames.Value / reader.SampleRate), limited.MaxDuration);
        }

        using var front = new SignalFrontEnd(reader.SampleRate, reader.Channels, limited);
        var chunkLength = _options.ChunkFrames * reader.Channels;
        var chunk = ArrayPool<float>.Shared.Rent(chunkLength);
        try
        {
            int read;
            while ((read = reader.Read(chunk.AsSpan(0, chunkLength))) > 0)
            {
                ct.ThrowIfCancellationRequested();
                front.Push(chunk.AsSpan(0, read * reader.Channels));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(chunk);
        }

        if (front.Frames == 0)
        {
            throw new AudioDecodeException(path, "no audio frames");
        }

        front.Finish();
        return PitchTracker.Track(front.Mono.Written, _options.AnalysisSampleRate, maxSeconds);
    }

    /// <summary>The pitch contour of a mono buffer already at <paramref name="sampleRate"/> Hz (tests, tools).</summary>
    public static MelodyContour TrackMelody(ReadOnlySpan<float> mono, int sampleRate) =>
        PitchTracker.Track(mono, sampleRate, double.MaxValue);

    /// <summary>True when a contour carries a melody (two or more distinct notes), as the analysis decides.</summary>
    public static bool IsMelodic(MelodyContour contour)
    {
        ArgumentNullException.ThrowIfNull(contour);
        return PitchTracker.IsMelodic(contour);
    }
}
