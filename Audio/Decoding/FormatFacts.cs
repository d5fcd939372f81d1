namespace SampleMind.Audio.Decoding;

/// <summary>Builds <see cref="AudioFormatInfo"/> from a reader and the frames actually decoded (fewer than it promised: a file cut short).</summary>
internal static class FormatFacts
{
    public static AudioFormatInfo From(IAudioReader reader, long frames) => new()
    {
        Container = reader.Container,
        Codec = reader.Codec,
        SampleRate = reader.SampleRate,
        Channels = reader.Channels,
        BitDepth = reader.BitDepth,
        Frames = frames,
        DurationSeconds = Math.Round((double)frames / reader.SampleRate, 6),
        DecodedByFfmpeg = reader.IsFfmpeg,
        MissingFrames = reader.PromisedFrames > frames ? reader.PromisedFrames - frames : null,
    };
}
