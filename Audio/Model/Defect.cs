namespace SampleMind.Audio;

/// <summary>One detected problem with its severity, a measured value and where it happens.</summary>
public sealed record Defect
{
    /// <summary>What kind of problem.</summary>
    public required DefectKind Kind { get; init; }

    /// <summary>How bad.</summary>
    public required DefectSeverity Severity { get; init; }

    /// <summary>The measured quantity (unit in <see cref="Description"/>).</summary>
    public required double Value { get; init; }

    /// <summary>A human sentence with the unit.</summary>
    public required string Description { get; init; }

    /// <summary>Where (empty when the defect is global); at most 100 ranges.</summary>
    public required IReadOnlyList<TimeRange> Ranges { get; init; }
}
