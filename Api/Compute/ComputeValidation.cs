using Microsoft.AspNetCore.Http.HttpResults;
using SampleMind.Api.Errors;
using SampleMind.GpuWorker.Models;

namespace SampleMind.Api.Compute;

/// <summary>Checks compute request bodies; null when valid, else a 400 problem saying what is wrong.</summary>
internal static class ComputeValidation
{
    /// <summary>
    /// Checks a separation request. More than 2 stems needs the separation model the worker will use:
    /// the one <paramref name="modelName"/> (<c>Separation:ModelName</c>) names, else the first installed.
    /// </summary>
    public static ProblemHttpResult? Separation(SeparateRequest? body, ModelRegistry models, string? modelName)
    {
        if (body?.Stems is not { } stems || stems is not (2 or 4 or 6))
        {
            return Problems.BadRequest("'stems' must be 2, 4 or 6.");
        }

        if (body.Target is not (null or "hpss" or "vocals"))
        {
            return Problems.BadRequest("'target' must be \"hpss\" or \"vocals\".");
        }

        if (body.Quality is not (null or "fast" or "high"))
        {
            return Problems.BadRequest("'quality' must be \"fast\" or \"high\".");
        }

        if (body.Format is not (null or "wav" or "flac"))
        {
            return Problems.BadRequest("'format' must be \"wav\" or \"flac\".");
        }

        if (stems != 2 && models.Find(ModelTask.Separate, modelName)?.Stems.Count != stems)
        {
            return Problems.BadRequest(
                $"No {stems}-stem separation model is installed; the DSP methods support 2 stems (target \"hpss\" or \"vocals\").");
        }

        return null;
    }

    public static ProblemHttpResult? Variations(VariationsRequest? body)
    {
        if (body?.Count is not { } count || count is < 1 or > 8)
        {
            return Problems.BadRequest("'count' must be between 1 and 8.");
        }

        if (body.Variance is { } variance && (double.IsNaN(variance) || variance is < 0 or > 1))
        {
            return Problems.BadRequest("'variance' must be between 0 and 1.");
        }

        if (body.PitchSemitones is { } pitch && (double.IsNaN(pitch) || Math.Abs(pitch) > 24))
        {
            return Problems.BadRequest("'pitchSemitones' must be between -24 and 24.");
        }

        if (body.TimeRatio is { } ratio && (double.IsNaN(ratio) || ratio is < 0.25 or > 4))
        {
            return Problems.BadRequest("'timeRatio' must be between 0.25 and 4.");
        }

        return null;
    }
}
