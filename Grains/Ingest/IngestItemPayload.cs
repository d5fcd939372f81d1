namespace SampleMind.Grains.Ingest;

/// <summary>The payload of one ingest work item: which file of which job, and how to analyse it.</summary>
/// <param name="QuotaRefusal">
/// Set when the file was listed after the tenant's ingest quota ran out: the item fails with this reason,
/// without its file being read. Null for a file the quota covers.
/// </param>
public sealed record IngestItemPayload(
    string JobId, string TenantId, string LibraryId, string Root, string RelativePath, string Level, IReadOnlyList<string> Labels,
    string? QuotaRefusal = null);
