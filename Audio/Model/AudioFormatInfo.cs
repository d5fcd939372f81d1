using System.Text.Json.Serialization;

namespace SampleMind.Audio;

/// <summary>Facts about the stored audio, as read from the container.</summary>
public sealed record AudioFormatInfo
{
    /// <summary>Container, e.g. "wav", "aiff", "flac", "ogg", "mp3", or ffprobe's format name.</summary>
    public required string Container { get; init; }

    /// <summary>Codec or sample encoding, e.g. "pcm_s16", "pcm_f32", "vorbis", "aac".</summary>
    public required string Codec { get; init; }

    /// <summary>Original sample rate in Hz.</summary>
    public required int SampleRate { get; init; }

    /// <summary>Original channel count.</summary>
    public required int Channels { get; init; }

    /// <summary>Bits per sample for PCM and float encodings; null for compressed codecs.</summary>
    public int? BitDepth { get; init; }

    /// <summary>Frames decoded (one frame = one sample per channel).</summary>
    public required long Frames { get; init; }

    /// <summary>Duration in seconds (Frames / SampleRate).</summary>
    public required double DurationSeconds { get; init; }

    /// <summary>True when the file was decoded by the ffmpeg subprocess rather than libsndfile.</summary>
    public bool DecodedByFfmpeg { get; init; }

    /// <summary>
    /// Frames the header promises beyond those the file holds: the file was cut short (a truncated upload or copy).
    /// Told for WAV and AIFF (the data chunk's length against the bytes present) and FLAC (STREAMINFO's total against
    /// the frames decoded); null for a whole file and for formats that cannot tell. Left out of JSON when null.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? MissingFrames { get; init; }
}
