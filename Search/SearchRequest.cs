using SampleMind.Search.Filters;
using SampleMind.Search.Text;

namespace SampleMind.Search;

/// <summary>What to search for in one shard; any part may be left out.</summary>
public sealed record SearchRequest
{
    /// <summary>A query embedding (query by example): results are ranked by similarity first.</summary>
    public float[]? Vector { get; init; }

    /// <summary>A parsed text query: its filter is combined with <see cref="Filter"/>, its descriptors and terms rank.</summary>
    public TextQuery? Text { get; init; }

    /// <summary>Hard conditions; the text query's conditions override the ones set here.</summary>
    public SampleFilter? Filter { get; init; }

    /// <summary>How many results. Default 10.</summary>
    public int K { get; init; } = 10;
}
