using SampleMind.Audio.Errors;

namespace SampleMind.Audio.Decoding;

/// <summary>Opens a file with libsndfile, falling back to ffmpeg only for what libsndfile cannot read.</summary>
internal static class AudioReaders
{
    public static IAudioReader Open(string path, AudioAnalyzerOptions options, CancellationToken ct) => Open(path, null, options, ct);

    /// <summary>
    /// Opens <paramref name="path"/>; with <paramref name="contents"/> (the file's bytes, already read) libsndfile decodes
    /// those instead of reading the file again, and only ffmpeg's fallback reads the file.
    /// </summary>
    public static IAudioReader Open(string path, ReadOnlyMemory<byte>? contents, AudioAnalyzerOptions options, CancellationToken ct)
    {
        var length = contents?.Length ?? (File.Exists(path) ? new FileInfo(path).Length : throw new AudioDecodeException(path, "file not found"));
        if (length == 0)
        {
            throw new AudioDecodeException(path, "file is empty");
        }

        string reason;
        var reader = contents is { } bytes ? SndFileReader.TryOpen(path, bytes, out reason) : SndFileReader.TryOpen(path, out reason);
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
