using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using SampleMind.Api.Errors;
using SampleMind.GpuWorker.Models;
using SampleMind.GpuWorker.Variations;

namespace SampleMind.Api.Compute;

/// <summary>
/// Checks compute request bodies; null when valid, else a 400 validation problem (<c>errors</c> names every field that
/// is wrong, the detail says what is wrong with each), as ingest's do.
/// </summary>
internal static class ComputeValidation
{
    /// <summary>
    /// Checks a separation request, naming every field that is wrong. More than 2 stems needs the separation model the
    /// worker will use: the one <paramref name="modelName"/> (<c>Separation:ModelName</c>) names, else the first installed.
    /// </summary>
    public static ValidationProblem? Separation(SeparateRequest? body, ModelRegistry models, string? modelName)
    {
        var errors = new Dictionary<string, string[]>();
        if (body?.Stems is not { } stems || stems is not (2 or 4 or 6))
        {
            errors["stems"] = ["'stems' must be 2, 4 or 6."];
        }
        else if (stems != 2 && models.Find(ModelTask.Separate, modelName)?.Stems.Count != stems)
        {
            errors["stems"] = [$"No {stems}-stem separation model is installed; the DSP methods support 2 stems (target \"hpss\" or \"vocals\")."];
        }

        if (body?.Target is not (null or "hpss" or "vocals"))
        {
            errors["target"] = ["'target' must be \"hpss\" or \"vocals\"."];
        }

        if (body?.Quality is not (null or "fast" or "high"))
        {
            errors["quality"] = ["'quality' must be \"fast\" or \"high\"."];
        }

        if (body?.Format is not (null or "wav" or "flac"))
        {
            errors["format"] = ["'format' must be \"wav\" or \"flac\"."];
        }

        return Problem(errors);
    }

    /// <summary>Checks a variations request, naming every field that is wrong.</summary>
    public static ValidationProblem? Variations(VariationsRequest? body)
    {
        var errors = new Dictionary<string, string[]>();
        if (body?.Count is not { } count || count is < 1 or > 8)
        {
            errors["count"] = ["'count' must be between 1 and 8."];
        }

        if (body?.Variance is { } variance && (double.IsNaN(variance) || variance is < 0 or > 1))
        {
            errors["variance"] = ["'variance' must be between 0 and 1."];
        }

        if (body?.PitchSemitones is { } pitch && (double.IsNaN(pitch) || Math.Abs(pitch) > 24))
        {
            errors["pitchSemitones"] = ["'pitchSemitones' must be between -24 and 24."];
        }

        if (body?.TimeRatio is { } ratio && (double.IsNaN(ratio) || ratio is < 0.25 or > 4))
        {
            errors["timeRatio"] = ["'timeRatio' must be between 0.25 and 4."];
        }

        return Problem(errors);
    }

    /// <summary>
    /// Checks what variations of <paramref name="sourceSeconds"/> of audio would last, at the asked <paramref name="timeRatio"/>
    /// or else at the longest stretch <paramref name="variance"/> may pick: past <paramref name="maxLength"/>
    /// (Api:MaxVariationLength, never more than the analysis takes) the request is refused before its quota, since a
    /// variation is made and analysed in memory.
    /// </summary>
    public static ValidationProblem? VariationLength(double? timeRatio, double variance, double sourceSeconds, TimeSpan maxLength)
    {
        var ratio = timeRatio ?? VariationRequest.LongestRatio(variance);
        var seconds = sourceSeconds * ratio;
        if (seconds <= maxLength.TotalSeconds)
        {
            return null;
        }

        if (timeRatio is null)
        {
            return Problems.Invalid("sampleId", string.Create(CultureInfo.InvariantCulture,
                $"Variations of this {sourceSeconds:0.#} s sample could last {seconds:0} s, past the {maxLength.TotalSeconds:0} s a variation " +
                $"may last (Api:MaxVariationLength): make variations of a shorter sample, or ask for a 'timeRatio' below 1."));
        }

        var most = Math.Floor(maxLength.TotalSeconds / sourceSeconds * 100) / 100;
        return Problems.Invalid("timeRatio", string.Create(CultureInfo.InvariantCulture,
            $"'timeRatio' {ratio:0.###} would make variations of {seconds:0} s from this {sourceSeconds:0.#} s sample, past the " +
            $"{maxLength.TotalSeconds:0} s a variation may last; for this sample it can be at most {most:0.##}."));
    }

    /// <summary>Null when nothing is wrong; else a validation problem whose detail is the messages in field order.</summary>
    private static ValidationProblem? Problem(Dictionary<string, string[]> errors) => errors.Count == 0 ? null : Problems.Invalid(errors);
}
