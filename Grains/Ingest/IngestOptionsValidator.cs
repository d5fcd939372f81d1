using Microsoft.Extensions.Options;

namespace SampleMind.Grains.Ingest;

/// <summary>Stops the host at start when an <see cref="IngestOptions"/> bound cannot work, naming the setting.</summary>
public sealed class IngestOptionsValidator : IValidateOptions<IngestOptions>
{
    /// <summary>The largest <see cref="IngestOptions.ReadOnceMaxBytes"/>: 1 GiB, so a file's buffer stays one array.</summary>
    public const int MaxReadOnceBytes = 1 << 30;

    /// <summary>The largest <see cref="IngestOptions.ListBatchSize"/>: a job holds at least <see cref="DirectoryBatches.BatchesPerPass"/> batches of paths.</summary>
    public const int MaxListBatchSize = 100_000;

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

        if (options.ListBatchSize is < 1 or > MaxListBatchSize)
        {
            errors.Add($"Ingest:ListBatchSize must be between 1 and {MaxListBatchSize} (it is {options.ListBatchSize}).");
        }

        if (options.MaxFileBytes < 1 || options.MaxUploadBytes < 1 || options.MaxFilesPerJob < 1)
        {
            errors.Add("Ingest:MaxFileBytes, Ingest:MaxUploadBytes and Ingest:MaxFilesPerJob must be at least 1.");
        }

        if (options.ReadOnceMaxBytes is < 0 or > MaxReadOnceBytes)
        {
            errors.Add($"Ingest:ReadOnceMaxBytes must be between 0 and {MaxReadOnceBytes} (it is {options.ReadOnceMaxBytes}).");
        }

        foreach (var extension in options.Extensions)
        {
            if (ExtensionProblem(extension) is { } problem)
            {
                errors.Add($"Ingest:Extensions has '{extension}': {problem}.");
            }
        }

        AddRelativeRoots(errors, options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>
    /// A root is a boundary of what a tenant may read, so it is written out in full: a relative one ("roots") was taken
    /// from the host's working directory, which moves with how the host is started, as a request's relative path is
    /// refused for.
    /// </summary>
    private static void AddRelativeRoots(List<string> errors, IngestOptions options)
    {
        foreach (var (tenant, roots) in options.Roots)
        {
            for (var i = 0; i < roots.Count; i++)
            {
                if (!Path.IsPathFullyQualified(roots[i]))
                {
                    errors.Add($"Ingest:Roots:{tenant}:{i} is '{roots[i]}', which is not an absolute path: a root must be one (/srv/samples), " +
                        "where a relative one would be taken from the host's working directory.");
                }
            }
        }
    }

    /// <summary>
    /// Why <paramref name="extension"/> can match no file name, or null: a file name's last extension, its dot included
    /// (".wav"), is compared with each entry, so one without its dot ("xyz") or with a dot inside (".tar.gz") never
    /// matched, and was taken without a word.
    /// </summary>
    private static string? ExtensionProblem(string extension) =>
        extension.Length > 0 && !extension.Contains('.', StringComparison.Ordinal)
            ? $"an extension starts with its dot ('.{extension}')"
            : extension.Length < 2 || extension[0] != '.' || extension.IndexOf('.', 1) >= 0
                ? "an extension is a dot and a name without dots (e.g. '.wav'), which a file name's last extension is matched against"
                : null;
}
