namespace SampleMind.Grains.Ingest;

/// <summary>
/// Where tenants may ingest from and the bounds on what they send. Bound from the "Ingest" section.
/// </summary>
public sealed class IngestOptions
{
    /// <summary>
    /// Server-side directories each tenant may ingest from, by tenant id; the key "*" applies to every
    /// tenant. Paths outside these roots (after resolving symbolic links) are rejected. Default: none,
    /// so only uploads work until an operator grants a root.
    /// </summary>
    public Dictionary<string, List<string>> Roots { get; set; } = [];

    /// <summary>File extensions that are listed as samples (case-insensitive). Others are skipped.</summary>
    public List<string> Extensions { get; set; } =
        [".wav", ".wave", ".aif", ".aiff", ".aifc", ".flac", ".ogg", ".oga", ".mp3", ".m4a", ".aac", ".opus", ".caf", ".w64"];

    /// <summary>Largest single file accepted, in bytes (default 512 MiB). Larger files fail their own item.</summary>
    public long MaxFileBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Largest upload body (multipart, zip or tar), in bytes (default 4 GiB).</summary>
    public long MaxUploadBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Most files one upload or manifest may name (default 1,000,000).</summary>
    public int MaxFilesPerJob { get; set; } = 1_000_000;

    /// <summary>Files listed into work items per batch while a job expands its source (default 500).</summary>
    public int ListBatchSize { get; set; } = 500;

    /// <summary>
    /// Files analysed at once by this silo (default: processor count + 1). Each file's bookkeeping after its analysis
    /// (the grain calls, the catalogue and queue writes) waits on other threads for moments; one slot beyond the cores
    /// keeps them analysing meanwhile (ingest bench, 2 cores: 2 slots 2.04 s, 3 slots 1.90 s median).
    /// </summary>
    public int Concurrency { get; set; } = Environment.ProcessorCount + 1;

    /// <summary>True when <paramref name="extension"/> (with the dot) is a sample file extension.</summary>
    public bool IsSampleExtension(string extension) =>
        Extensions.Exists(e => string.Equals(e, extension, StringComparison.OrdinalIgnoreCase));
}
