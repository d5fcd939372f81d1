namespace SampleMind.Search.Filters;

/// <summary>
/// What search knows about one sample, filled by the grains from the audio analysis, the catalogue and users.
/// Missing values (null) never match a filter on them.
/// </summary>
/// <param name="SampleId">The sample's id (the vector index's external id).</param>
public sealed record SampleFeatures(string SampleId)
{
    /// <summary>The library (shard) the sample belongs to.</summary>
    public string? LibraryId { get; init; }

    /// <summary>The detected key.</summary>
    public CamelotKey? Key { get; init; }

    /// <summary>The detected tempo in beats per minute (loops).</summary>
    public double? Bpm { get; init; }

    /// <summary>Loop or one-shot.</summary>
    public SampleType Type { get; init; }

    /// <summary>Duration in seconds.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>Integrated loudness in LUFS (EBU R128).</summary>
    public double? LoudnessLufs { get; init; }

    /// <summary>Defect kinds found by analysis, named as <c>DefectKindNames</c> names them: "clipping", "dc-offset", "click", ...</summary>
    public IReadOnlyList<string> Defects { get; init; } = [];

    /// <summary>Descriptor and class tags (analysis or catalogue), e.g. "dark", "punchy", "kick".</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Labels users gave the sample.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>
    /// Descriptor strengths in (0, 1] graded by analysis from timbre features (e.g. "bright" from the spectral centroid,
    /// "sub-heavy" from the energy below 100 Hz), the descriptors above zero only; they weigh descriptor preferences in
    /// ranking in place of the analysis' tags. Null where analysis graded nothing (then the tags count, fully).
    /// </summary>
    public IReadOnlyDictionary<string, double>? Descriptors { get; init; }

    /// <summary>The file name.</summary>
    public string? Name { get; init; }

    /// <summary>The path inside the library (folders often carry the instrument class).</summary>
    public string? Path { get; init; }
}
