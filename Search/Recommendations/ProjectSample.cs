namespace SampleMind.Search.Recommendations;

/// <summary>A sample a project already uses.</summary>
/// <param name="SampleId">The sample.</param>
/// <param name="Role">Its role in the project; null to derive it from the sample's features.</param>
public sealed record ProjectSample(string SampleId, SampleRole? Role = null);
