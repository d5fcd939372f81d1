namespace SampleMind.Api.Endpoints;

/// <summary>Answer of <c>DELETE /v1/libraries/{id}</c>.</summary>
/// <param name="LibraryId">The library deleted.</param>
/// <param name="Removed">How many samples were removed.</param>
public sealed record LibraryDeletion(string LibraryId, long Removed);
