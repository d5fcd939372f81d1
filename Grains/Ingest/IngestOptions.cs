namespace SampleMind.Grains.Ingest;

/// <summary>
/// Where tenants may ingest from and the bounds on what they send. Bound from the "Ingest" section.
/// </summary>
public sealed class IngestOptions
{
    /// <summary>
    /// Server-side directories each tenant may ingest from, by tenant id; the key "*" applies to every
    /// tenant. Paths outside these roots (after resolving symbolic links) are rejected. Each root is an absolute path (a
    /// relative one stops the start). Default: none, so only uploads work until an operator grants a root.
    /// </summary>
    public Dictionary<string, List<string>> Roots { get; set; } = [];

    /// <summary>File extensions that are listed as samples (case-insensitive), each a dot and a name without dots (".wav"). Others are skipped.</summary>
    public List<string> Extensions { get; set; } = [.. SampleFileExtensions.Default];

    /// <summary>Largest single file accepted, in bytes (default 512 MiB). Larger files fail their own item.</summary>
    public long MaxFileBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Largest upload body (multipart, zip or tar), in bytes (default 4 GiB).</summary>
    public long MaxUploadBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Most files one upload or manifest may name (default 1,000,000).</summary>
    public int MaxFilesPerJob { get; set; } = 1_000_000;

    /// <summary>
    /// Files listed into work items per batch while a job expands its source (default 500, at most 100,000): the
    /// resume granularity and one reservation of the tenant's quota. A directory source is read once per
    /// <see cref="DirectoryBatches.BatchesPerPass"/> batches or more (up to <see cref="DirectoryBatches.MaxPathsAhead"/>
    /// paths for a large folder), whose paths the job holds meanwhile.
    /// </summary>
    public int ListBatchSize { get; set; } = 500;

    /// <summary>
    /// Files in hand at once per silo (default: 4 × processor count): being hashed, analysed or recorded. Their
    /// analyses are limited to <see cref="AnalysisConcurrency"/> at a time; the other files wait for an analysis slot or
    /// for their records to be written, and the records of files that finish together are written together (one
    /// transaction of the catalogue's, the grain state's and the queue's writers for several files instead of one each).
    /// The worker also claims as many items ahead as it has in hand, so its claims (each one queue transaction that
    /// also records the files finished since the last) come about once per this many files; at a crash, those claimed
    /// ahead are handed out again without having been worked on.
    /// </summary>
    public int Concurrency { get; set; } = 4 * Environment.ProcessorCount;

    /// <summary>Files hashed and analysed at once per silo (default: processor count); bounds the CPU and memory analyses take.</summary>
    public int AnalysisConcurrency { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Files smaller than this many bytes (default 8 MiB; most samples) are read once into memory, hashed there and
    /// decoded from those bytes, so each is read once; larger files are hashed as they stream by and decoded from the
    /// file, read twice. 0 reads every file twice. The buffers of the files in hand (<see cref="Concurrency"/>) are the
    /// memory this takes: at most this much each.
    /// </summary>
    public int ReadOnceMaxBytes { get; set; } = 8 << 20;

    /// <summary>
    /// True when a file of this name is a sample: a sample extension, and not a macOS AppleDouble file ("._kick.wav",
    /// the resource fork a Mac writes beside each file on other file systems and into zips), which holds no audio.
    /// </summary>
    public bool IsSampleFileName(ReadOnlySpan<char> fileName) =>
        !fileName.StartsWith("._", StringComparison.Ordinal) && IsSampleExtension(Path.GetExtension(fileName));

    /// <summary>True when <paramref name="extension"/> (with the dot) is a sample file extension.</summary>
    public bool IsSampleExtension(ReadOnlySpan<char> extension)
    {
        foreach (var candidate in Extensions)
        {
            if (extension.Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
