using System.Text.Json;
using SampleMind.Search.Filters;
using SampleMind.Search.Recommendations;
using SampleMind.Search.Text;

namespace SampleMind.Search.Tests.Engine;

public sealed class SearchJsonContextTests
{
    [Fact]
    public void Features_round_trip_through_the_source_generated_context()
    {
        var features = new SampleFeatures("s1")
        {
            Key = CamelotKey.Parse("8A"),
            Bpm = 140,
            Type = SampleType.Loop,
            Tags = ["dark"],
            Descriptors = new Dictionary<string, double> { ["bright"] = 0.2 },
        };
        var json = JsonSerializer.Serialize(features, SearchJsonContext.Default.SampleFeatures);
        var back = JsonSerializer.Deserialize(json, SearchJsonContext.Default.SampleFeatures)!;
        Assert.Equal(features.Key, back.Key);
        Assert.Equal(features.Bpm, back.Bpm);
        Assert.Equal(["dark"], back.Tags);
        Assert.Equal(0.2, back.Descriptors!["bright"]);
        Assert.Contains("\"loop\"", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Text_queries_and_recommendations_serialize()
    {
        var query = TextQueryParser.Parse("dark 808 loop 140 bpm in F minor, no clipping");
        var json = JsonSerializer.Serialize(query, SearchJsonContext.Default.TextQuery);
        var back = JsonSerializer.Deserialize(json, SearchJsonContext.Default.TextQuery)!;
        Assert.Equal(query.Filter.Key, back.Filter.Key);
        Assert.Equal(query.Filter.ExcludedDefects, back.Filter.ExcludedDefects);
        Assert.Equal(query.Terms[0].Synonyms, back.Terms[0].Synonyms);
        var recommendation = new Recommendation("s", SampleRole.Bass, 1.2, "why");
        Assert.Equal(recommendation, JsonSerializer.Deserialize(
            JsonSerializer.Serialize(recommendation, SearchJsonContext.Default.Recommendation), SearchJsonContext.Default.Recommendation));
    }
}
