using Microsoft.Extensions.Options;

namespace SampleMind.GpuWorker.Separation;

/// <summary>Checks <see cref="SeparationOptions"/> at start.</summary>
public sealed class SeparationOptionsValidator : IValidateOptions<SeparationOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SeparationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.BatchSize is < 1 or > 256)
        {
            failures.Add("Separation:BatchSize must be between 1 and 256.");
        }

        if (options.MaxSegmentsInFlight is < 1 or > 1024)
        {
            failures.Add("Separation:MaxSegmentsInFlight must be between 1 and 1024.");
        }

        if (options.DspSegmentSeconds is < 1 or > 120 || options.DspOverlapSeconds < 0 || options.DspOverlapSeconds * 2 > options.DspSegmentSeconds)
        {
            failures.Add("Separation:DspSegmentSeconds must be 1-120 and DspOverlapSeconds between 0 and half of it.");
        }

        if (options.DspFftSize < 256 || (options.DspFftSize & (options.DspFftSize - 1)) != 0 || options.DspHopSize < 1 || options.DspHopSize * 2 > options.DspFftSize)
        {
            failures.Add("Separation:DspFftSize must be a power of two of 256 or more and DspHopSize at most half of it.");
        }

        if (options.HarmonicFilterLength < 3 || options.HarmonicFilterLength % 2 == 0 || options.PercussiveFilterLength < 3 || options.PercussiveFilterLength % 2 == 0)
        {
            failures.Add("Separation:HarmonicFilterLength and PercussiveFilterLength must be odd and at least 3.");
        }

        if (options.MaskPower is <= 0 or > 8)
        {
            failures.Add("Separation:MaskPower must be above 0 and at most 8.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
