using SampleMind.Grains.Abstractions.Samples;

namespace SampleMind.Grains.Abstractions.Ingest;

/// <summary>One file's outcome in a job's results: its catalogue row, or why it failed.</summary>
/// <param name="Outcome">"analysed", "duplicate" or "failed".</param>
/// <param name="Claims">How many times the file was handed to a worker (more than 1 only after a crash or a retry).</param>
public sealed record JobResultRow(string Path, string Outcome, SampleSummary? Sample, string? Error, int Claims = 1);
