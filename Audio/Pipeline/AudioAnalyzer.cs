using System.Buffers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SampleMind.Audio.Decoding;
using SampleMind.Audio.Dsp;
using SampleMind.Audio.Errors;
using SampleMind.Audio.Interop;
using SampleMind.Audio.Pipeline;

namespace SampleMind.Audio;

/// <summary>
/// Analyses one file or buffer into a <see cref="SampleAnalysis"/>. Thread-safe: analyse many files
/// concurrently from one instance. Errors are <see cref="AudioException"/>s.
/// </summary>
public sealed partial class AudioAnalyzer
{
    private readonly AudioAnalyzerOptions _options;
    private readonly ILogger _logger;
    private readonly Stft _stft;

    public AudioAnalyzer(IOptions<AudioAnalyzerOptions> options, ILogger<AudioAnalyzer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        var validation = new AudioAnalyzerOptionsValidator().Validate(null, _options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(nameof(AudioAnalyzerOptions), typeof(AudioAnalyzerOptions), validation.Failures);
        }

        AudioNatives.EnsureLoaded();
        _stft = new Stft(_options.FftSize, _options.HopSize);
        AudioLog.Ready(_logger, _options.AnalysisSampleRate, _options.FftSize, _options.HopSize, _options.MaxDuration, _options.UseFfmpegFallback);
    }

    /// <summary>Creates an analyzer with the given (or default) options and no logging.</summary>
    public AudioAnalyzer(AudioAnalyzerOptions? options = null)
        : this(Options.Create(options ?? new AudioAnalyzerOptions()), NullLogger<AudioAnalyzer>.Instance)
    {
    }

    /// <summary>Time per stage over all analyses by this instance (for profiling).</summary>
    public AnalysisStageTimes StageTimes { get; } = new();

    /// <summary>Analyses a file on the thread pool.</summary>
    public Task<SampleAnalysis> AnalyzeFileAsync(string path, AnalysisLevel level, CancellationToken ct) =>
        Task.Run(() => AnalyzeFile(path, level, ct), ct);

    /// <summary>
    /// Analyses a file whose bytes the caller has read already (to hash them, say) on the thread pool; see
    /// <see cref="AnalyzeFile(string, ReadOnlyMemory{byte}, AnalysisLevel, CancellationToken)"/>.
    /// </summary>
    public Task<SampleAnalysis> AnalyzeFileAsync(string path, ReadOnlyMemory<byte> contents, AnalysisLevel level, CancellationToken ct) =>
        Task.Run(() => AnalyzeFile(path, contents, level, ct), ct);

    /// <summary>Analyses a file on the calling thread, streaming it in chunks of <see cref="AudioAnalyzerOptions.ChunkFrames"/>.</summary>
    public SampleAnalysis AnalyzeFile(string path, AnalysisLevel level, CancellationToken ct = default) => AnalyzeSource(path, null, level, ct);

    /// <summary>
    /// Analyses the file <paramref name="path"/> from <paramref name="contents"/>, its bytes already in memory:
    /// libsndfile decodes them through its virtual I/O (no second read of the file); only a format it cannot read sends
    /// ffmpeg's fallback to the file itself. The result is the same as <see cref="AnalyzeFile(string, AnalysisLevel, CancellationToken)"/>'s.
    /// </summary>
    public SampleAnalysis AnalyzeFile(string path, ReadOnlyMemory<byte> contents, AnalysisLevel level, CancellationToken ct = default) =>
        AnalyzeSource(path, contents, level, ct);

    private SampleAnalysis AnalyzeSource(string path, ReadOnlyMemory<byte>? contents, AnalysisLevel level, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            var started = StageTimes.Start();
            using var reader = AudioReaders.Open(path, contents, _options, ct);
            StageTimes.Add(AnalysisStage.Setup, started);
            if (reader.IsFfmpeg)
            {
                AudioLog.DecodedByFfmpeg(_logger, path, reader.Container, reader.Codec);
            }

            var result = AnalyzeReader(reader, path, level, ct);
            AudioLog.Analysed(_logger, path, result.Format.DurationSeconds, level);
            return result;
        }
        catch (AudioException e)
        {
            AudioLog.Failed(_logger, path, e.Message);
            throw;
        }
    }

    /// <summary>Analyses interleaved float samples at <paramref name="sampleRate"/> Hz with <paramref name="channels"/> channels.</summary>
    public SampleAnalysis Analyze(ReadOnlySpan<float> interleaved, int sampleRate, int channels, AnalysisLevel level)
    {
        if (sampleRate is < 1000 or > 768_000)
        {
            throw new AudioDecodeException("buffer", $"sample rate {sampleRate} Hz is out of range");
        }

        if (channels is < 1 or > 64)
        {
            throw new AudioDecodeException("buffer", $"{channels} channels is out of range");
        }

        var frames = interleaved.Length / channels;
        if (frames == 0)
        {
            throw new AudioDecodeException("buffer", "no audio frames");
        }

        using var front = new SignalFrontEnd(sampleRate, channels, _options, StageTimes);
        var chunkLength = _options.ChunkFrames * channels;
        var chunk = ArrayPool<float>.Shared.Rent(chunkLength);
        try
        {
            for (var start = 0; start < frames * channels; start += chunkLength)
            {
                var part = interleaved.Slice(start, Math.Min(chunkLength, (frames * channels) - start));
                part.CopyTo(chunk);
                front.Push(chunk.AsSpan(0, part.Length));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(chunk);
        }

        var format = new AudioFormatInfo
        {
            Container = "buffer",
            Codec = "pcm_f32",
            SampleRate = sampleRate,
            Channels = channels,
            BitDepth = 32,
            Frames = frames,
            DurationSeconds = Math.Round((double)frames / sampleRate, 6),
        };
        return Complete(front, format, level, CancellationToken.None);
    }

    private SampleAnalysis AnalyzeReader(IAudioReader reader, string path, AnalysisLevel level, CancellationToken ct)
    {
        var maxFrames = (long)(_options.MaxDuration.TotalSeconds * reader.SampleRate);
        if (reader.KnownFrames > maxFrames)
        {
            throw new AudioTooLongException(TimeSpan.FromSeconds((double)reader.KnownFrames.Value / reader.SampleRate), _options.MaxDuration);
        }

        var setup = StageTimes.Start();
        using var front = new SignalFrontEnd(reader.SampleRate, reader.Channels, _options, StageTimes);
        StageTimes.Add(AnalysisStage.Setup, setup);
        var chunkLength = _options.ChunkFrames * reader.Channels;
        var chunk = ArrayPool<float>.Shared.Rent(chunkLength);
        try
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                var started = StageTimes.Start();
                var read = reader.Read(chunk.AsSpan(0, chunkLength));
                StageTimes.Add(AnalysisStage.Decode, started);
                if (read == 0)
                {
                    break;
                }

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

        return Complete(front, FormatFacts.From(reader, front.Frames), level, ct);
    }
}
