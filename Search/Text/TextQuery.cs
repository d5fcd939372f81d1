using SampleMind.Search.Filters;

namespace SampleMind.Search.Text;

/// <summary>A free-text query parsed by <see cref="TextQueryParser"/>.</summary>
public sealed record TextQuery
{
    /// <summary>The text as typed.</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>Hard conditions (key, tempo, type, duration, excluded defects).</summary>
    public SampleFilter Filter { get; init; } = SampleFilter.None;

    /// <summary>Descriptors to rank up (canonical words such as "dark", "punchy", "sub-heavy").</summary>
    public IReadOnlyList<string> Preferences { get; init; } = [];

    /// <summary>Descriptors to rank down ("not bright").</summary>
    public IReadOnlyList<string> Avoid { get; init; } = [];

    /// <summary>Words to find in names, paths and tags (instrument classes and unknown words).</summary>
    public IReadOnlyList<QueryTerm> Terms { get; init; } = [];

    /// <summary>Words whose presence in a name, path or tag excludes a sample ("without reverb").</summary>
    public IReadOnlyList<QueryTerm> ExcludedTerms { get; init; } = [];
}
