namespace SampleMind.Grains.Abstractions.Libraries;

/// <summary>
/// Filters and paging for a library listing. Every filter is optional; <see cref="Cursor"/> is the
/// last sample id of the previous page. Keys are filtered by Camelot code, passed beside the query.
/// </summary>
/// <param name="CompatibleWith">The key or Camelot code the caller asked compatible keys for (the codes come beside the query).</param>
/// <param name="HalfDouble">When true, BPM ranges also match half and double tempo.</param>
/// <param name="Type">"loop" or "one-shot".</param>
/// <param name="Tags">Descriptor tags that must all be present.</param>
/// <param name="Defects">Defect kinds that must be present ("clipping"); prefix with '-' to exclude.</param>
public sealed record SampleQuery(
    string? CompatibleWith = null,
    double? BpmMin = null,
    double? BpmMax = null,
    bool HalfDouble = false,
    string? Type = null,
    double? DurationMin = null,
    double? DurationMax = null,
    double? LufsMin = null,
    double? LufsMax = null,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyList<string>? Defects = null,
    string? Cursor = null,
    int Limit = 50);
