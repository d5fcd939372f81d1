namespace SampleMind.Grains.Ingest;

/// <summary>The payload of one ingest work item: which file of which job, and how to analyse it.</summary>
public sealed record IngestItemPayload(
    string JobId, string TenantId, string LibraryId, string Root, string RelativePath, string Level, IReadOnlyList<string> Labels);
