using SampleMind.Audio.Errors;

namespace SampleMind.Audio.Decoding;

/// <summary>Opens a file with libsndfile, falling back to ffmpeg only for what libsndfile cannot read.</summary>
internal static class AudioReaders
{
    public static IAudioReader Open(string path, AudioAnalyzerOptions options, CancellationToken ct)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new AudioDecodeException(path, "file not found");
        }

        if (file.Length == 0)
        {
            throw new AudioDecodeException(path, "file is empty");
        }

        var reader = SndFileReader.TryOpen(path, out var reason);
        if (reader is not null)
        {
            return reader;
        }

        if (!options.UseFfmpegFallback)
        {
            throw new AudioDecodeException(path, reason);
        }

        return FfmpegReader.Open(path, options, reason, ct);
    }
}
