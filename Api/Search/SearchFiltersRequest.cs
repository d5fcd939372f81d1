namespace SampleMind.Api.Search;

/// <summary>Hard filters of a search body; every part left out is not checked (the defaults tell the OpenAPI document so).</summary>
/// <param name="Key">A key ("F minor", "Am", "4A"); compatible keys on the Camelot wheel match.</param>
/// <param name="BpmMin">Lowest tempo (inclusive, as the sample's analysis gives it).</param>
/// <param name="BpmMax">Highest tempo (inclusive).</param>
/// <param name="HalfDouble">Also accept a sample whose half or double tempo is in the range (as the library listing's halfDouble).</param>
/// <param name="Type">"loop" or "one-shot".</param>
/// <param name="Tags">Tags a sample must all carry.</param>
/// <param name="ExcludeDefects">Defect kinds a sample must not have ("clipping", "dc-offset", ...).</param>
internal sealed record SearchFiltersRequest(
    string? Key = null, double? BpmMin = null, double? BpmMax = null, string? Type = null, IReadOnlyList<string>? Tags = null,
    IReadOnlyList<string>? ExcludeDefects = null, bool? HalfDouble = null);
