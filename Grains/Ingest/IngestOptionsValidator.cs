using Microsoft.Extensions.Options;

namespace SampleMind.Grains.Ingest;

/// <summary>Stops the host at start when an <see cref="IngestOptions"/> bound cannot work, naming the setting.</summary>
public sealed class IngestOptionsValidator : IValidateOptions<IngestOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestOptions options)
    {
        var errors = new List<string>();
        if (options.Concurrency < 1)
        {
            errors.Add($"Ingest:Concurrency must be at least 1 (it is {options.Concurrency}).");
        }

        if (options.AnalysisConcurrency < 1)
        {
            errors.Add($"Ingest:AnalysisConcurrency must be at least 1 (it is {options.AnalysisConcurrency}).");
        }

        if (options.ListBatchSize < 1)
        {
            errors.Add($"Ingest:ListBatchSize must be at least 1 (it is {options.ListBatchSize}).");
        }

        if (options.MaxFileBytes < 1 || options.MaxUploadBytes < 1 || options.MaxFilesPerJob < 1)
        {
            errors.Add("Ingest:MaxFileBytes, Ingest:MaxUploadBytes and Ingest:MaxFilesPerJob must be at least 1.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
