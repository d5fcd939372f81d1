namespace SampleMind.Api.Endpoints;

/// <summary>A list answer: always an object with <c>items</c>, so fields can be added later.</summary>
public sealed record ItemsResponse<T>(IReadOnlyList<T> Items);
