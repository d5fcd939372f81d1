namespace SampleMind.Api.Search;

/// <summary>The body of a recommendation request: the project's key and tempo and the samples it already uses; every member may
/// be left out (the defaults tell the OpenAPI document so).</summary>
/// <param name="Key">The project's key ("F minor", "Am", "4A").</param>
/// <param name="Bpm">The project's tempo.</param>
/// <param name="SampleIds">Samples of the library the project uses (their roles count as filled).</param>
/// <param name="Count">How many suggestions (default 10, at most 100).</param>
internal sealed record RecommendRequest(string? Key = null, double? Bpm = null, IReadOnlyList<string>? SampleIds = null, int? Count = null);
