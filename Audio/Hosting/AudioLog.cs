using Microsoft.Extensions.Logging;

namespace SampleMind.Audio;

/// <summary>Source-generated log messages of the audio library (EventIds 3000-3099).</summary>
internal static partial class AudioLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information,
        Message = "Audio analyzer ready: analysis rate {SampleRate} Hz, FFT {FftSize}/{HopSize}, max duration {MaxDuration}, ffmpeg fallback {Ffmpeg}")]
    public static partial void Ready(ILogger logger, int sampleRate, int fftSize, int hopSize, TimeSpan maxDuration, bool ffmpeg);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Analysed {Source} ({Seconds:0.##} s of audio) at level {Level}")]
    public static partial void Analysed(ILogger logger, string source, double seconds, AnalysisLevel level);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Cannot analyse {Source}: {Reason}")]
    public static partial void Failed(ILogger logger, string source, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "{Source} decoded by ffmpeg ({Container}/{Codec})")]
    public static partial void DecodedByFfmpeg(ILogger logger, string source, string container, string codec);
}
