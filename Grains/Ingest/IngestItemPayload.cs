using System.Text.Json.Serialization;

namespace SampleMind.Grains.Ingest;

/// <summary>The payload of one ingest work item: which file of which job, and how to analyse it.</summary>
/// <param name="Refusal">
/// Set when the item is set aside as it is listed: a file listed after the tenant's ingest quota ran out, or a folder
/// that cannot be read. The item fails with this reason without being read. Null for a file to analyse. Stored as
/// <c>quotaRefusal</c>, its name before folders were set aside too, so items queued before then still read.
/// </param>
public sealed record IngestItemPayload(
    string JobId, string TenantId, string LibraryId, string Root, string RelativePath, string Level, IReadOnlyList<string> Labels,
    [property: JsonPropertyName("quotaRefusal")] string? Refusal = null);
