using System.ComponentModel.DataAnnotations;

namespace SampleMind.Api.Search;

/// <summary>
/// The body of a search: a text query, hard filters and how many hits (default 10, at most 100). Every member may be left
/// out (<c>{}</c> lists the best of everything), which the defaults tell the OpenAPI document.
/// </summary>
internal sealed record SearchApiRequest(string? Text = null, SearchFiltersRequest? Filters = null, [property: Range(1, 100)] int? K = null);
