using Microsoft.Extensions.Options;
using SampleMind.Audio.Interop;

namespace SampleMind.Audio;

/// <summary>Checks <see cref="AudioAnalyzerOptions"/> and that the native libraries load (so a missing one fails at start-up).</summary>
public sealed class AudioAnalyzerOptionsValidator : IValidateOptions<AudioAnalyzerOptions>
{
    /// <summary>What each failure starts with, so that it names its setting as the operator writes it.</summary>
    private const string Section = AudioAnalyzerOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, AudioAnalyzerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.AnalysisSampleRate is < 8000 or > 96000)
        {
            failures.Add(Section + "AnalysisSampleRate must be within 8000..96000 Hz");
        }

        if (options.FftSize < 256 || options.FftSize > 16384 || (options.FftSize & (options.FftSize - 1)) != 0)
        {
            failures.Add(Section + "FftSize must be a power of two within 256..16384");
        }

        if (options.HopSize < 32 || options.HopSize > options.FftSize / 2)
        {
            failures.Add(Section + "HopSize must be within 32..FftSize/2");
        }

        if (options.MaxDuration <= TimeSpan.Zero || options.MaxDuration > TimeSpan.FromHours(12))
        {
            failures.Add(Section + "MaxDuration must be positive and at most 12 hours");
        }

        if (options.ChunkFrames is < 1024 or > 1 << 22)
        {
            failures.Add(Section + "ChunkFrames must be within 1024..4194304");
        }

        if (options.DuplicateThreshold is <= 0.5 or > 1)
        {
            failures.Add(Section + "DuplicateThreshold must be within (0.5, 1]");
        }

        // Frames whose RMS level is under it are silence; a frame within full scale is at most 0 dBFS, so a threshold of
        // 0 or more made nearly every file silence from start to end.
        if (options.SilenceThresholdDb is not < 0)
        {
            failures.Add(Section + $"SilenceThresholdDb must be below 0 dBFS, e.g. -60 (it is {options.SilenceThresholdDb.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
        }

        if (options.FfmpegTimeout <= TimeSpan.Zero)
        {
            failures.Add(Section + "FfmpegTimeout must be positive");
        }

        var missing = AudioNatives.FindMissing();
        if (missing.Count > 0)
        {
            failures.Add("Native audio libraries missing: " + string.Join(", ", missing));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
