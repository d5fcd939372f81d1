using SampleMind.Search.Filters;
using SampleMind.Search.Recommendations;

namespace SampleMind.Search.Tests.Recommendations;

public sealed class RecommenderTests
{
    private static readonly CamelotKey s_aMinor = CamelotKey.Parse("Am");

    private static SampleFeatures[] Library() =>
    [
        new("kick-1") { Name = "Kick_Hard.wav", Type = SampleType.OneShot },
        new("drumloop-140") { Name = "drum_loop_140.wav", Type = SampleType.Loop, Bpm = 140 },
        new("bass-am-70") { Name = "bass_line.wav", Type = SampleType.Loop, Bpm = 70, Key = s_aMinor },
        new("bass-c-140") { Name = "bass_groove.wav", Type = SampleType.Loop, Bpm = 140, Key = CamelotKey.Parse("C") },
        new("bass-fsharp") { Name = "bass_wrong_key.wav", Type = SampleType.Loop, Bpm = 140, Key = CamelotKey.Parse("F#") },
        new("bass-100bpm") { Name = "bass_wrong_tempo.wav", Type = SampleType.Loop, Bpm = 100, Key = s_aMinor },
        new("pad-em") { Name = "pad_soft.wav", Type = SampleType.Loop, Bpm = 140, Key = CamelotKey.Parse("Em") },
        new("lead-am") { Name = "lead.wav", Type = SampleType.Loop, Bpm = 140, Key = s_aMinor },
        new("riser") { Name = "riser_8bars.wav", Tags = ["fx"], Type = SampleType.OneShot },
    ];

    [Fact]
    public void Roles_come_from_class_words_in_names_and_tags()
    {
        Assert.Equal(SampleRole.Drums, RoleClassifier.Classify(new SampleFeatures("a") { Name = "Kick_Hard.wav" }));
        Assert.Equal(SampleRole.Bass, RoleClassifier.Classify(new SampleFeatures("b") { Path = "808s/dark.wav" }));
        Assert.Equal(SampleRole.Melody, RoleClassifier.Classify(new SampleFeatures("c") { Tags = ["pads"] }));
        Assert.Equal(SampleRole.Fx, RoleClassifier.Classify(new SampleFeatures("d") { Name = "Riser 01" }));
    }

    [Fact]
    public void A_project_with_drums_gets_the_missing_roles_in_compatible_key_and_tempo()
    {
        var project = new ProjectContext { Key = s_aMinor, Bpm = 140, Used = [new ProjectSample("kick-1"), new ProjectSample("drumloop-140")] };
        var suggestions = Recommender.Recommend(project, Library(), 10);
        var ids = suggestions.Select(s => s.SampleId).ToHashSet();
        Assert.DoesNotContain(suggestions, s => s.Role == SampleRole.Drums);
        Assert.Contains("bass-am-70", ids);
        Assert.Contains("bass-c-140", ids);
        Assert.Contains("lead-am", ids);
        Assert.Contains("riser", ids);
        Assert.DoesNotContain("bass-fsharp", ids);
        Assert.DoesNotContain("bass-100bpm", ids);
        Assert.All(suggestions, s => Assert.False(string.IsNullOrWhiteSpace(s.Why)));
    }

    [Fact]
    public void Explanations_name_the_lacking_role_and_the_half_time_fit()
    {
        var project = new ProjectContext { Key = s_aMinor, Bpm = 140, Used = [new ProjectSample("kick-1", SampleRole.Drums)] };
        var bass = Recommender.Recommend(project, Library(), 10).Single(s => s.SampleId == "bass-am-70");
        Assert.Equal(SampleRole.Bass, bass.Role);
        Assert.Contains("lacks", bass.Why, StringComparison.Ordinal);
        Assert.Contains("half-time", bass.Why, StringComparison.Ordinal);
        Assert.Contains("8A", bass.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Suggestions_alternate_between_lacking_roles()
    {
        var project = new ProjectContext { Key = s_aMinor, Bpm = 140 };
        var first = Recommender.Recommend(project, Library(), 4).Select(s => s.Role).ToArray();
        Assert.Equal([SampleRole.Drums, SampleRole.Bass, SampleRole.Melody, SampleRole.Fx], first);
    }

    [Fact]
    public void A_shard_can_be_the_candidate_source()
    {
        using var shard = SearchEngine.Build(Library().Select((f, i) => new IndexedSample(f, [i + 1f, 1f, 0f, 0f])), 4);
        var project = new ProjectContext { Key = s_aMinor, Bpm = 140, Used = [new ProjectSample("kick-1")] };
        var suggestions = Recommender.Recommend(project, shard, 3);
        Assert.Equal(3, suggestions.Count);
        Assert.DoesNotContain(suggestions, s => s.SampleId == "kick-1");
    }
}
