using SampleMind.Search.Filters;

namespace SampleMind.Search.Recommendations;

/// <summary>What a project is: its key and tempo, and the samples it already uses.</summary>
public sealed record ProjectContext
{
    /// <summary>The project's key, when set.</summary>
    public CamelotKey? Key { get; init; }

    /// <summary>The project's tempo in BPM, when set.</summary>
    public double? Bpm { get; init; }

    /// <summary>Samples already placed in the project.</summary>
    public IReadOnlyList<ProjectSample> Used { get; init; } = [];
}
