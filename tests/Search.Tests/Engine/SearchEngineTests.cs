using SampleMind.Search.Filters;
using SampleMind.Search.Index;
using SampleMind.Search.Text;

namespace SampleMind.Search.Tests.Engine;

public sealed class SearchEngineTests
{
    private const int Dims = 16;

    private static float[] Vector(int seed)
    {
        var r = new Random(seed);
        return [.. Enumerable.Range(0, Dims).Select(_ => (float)(r.NextDouble() - 0.5))];
    }

    private static IndexedSample[] Samples()
    {
        var fMinor = CamelotKey.Parse("Fm");
        var samples = new List<IndexedSample>
        {
            new(new("dark-808") { Name = "808_Dark_Loop.wav", Type = SampleType.Loop, Bpm = 140, Key = fMinor, Tags = ["dark", "punchy"] }, Vector(1)),
            new(new("bright-808") { Name = "808_Bright_Loop.wav", Type = SampleType.Loop, Bpm = 70, Key = fMinor, Tags = ["bright"] }, Vector(2)),
            new(new("clipped-808") { Name = "808_Dark_Loop_Hot.wav", Type = SampleType.Loop, Bpm = 140, Key = fMinor, Tags = ["dark"], Defects = ["clipping"] }, Vector(3)),
            new(new("wrong-key") { Name = "808_Dark_Loop.wav", Type = SampleType.Loop, Bpm = 140, Key = CamelotKey.Parse("F#"), Tags = ["dark"] }, Vector(4)),
            new(new("oneshot") { Name = "808_Dark_Hit.wav", Type = SampleType.OneShot, Key = fMinor, Tags = ["dark"] }, Vector(5)),
            new(new("vocal-reverb") { Name = "Vocal_Reverb_Tail.wav", Type = SampleType.Loop, Bpm = 140, Key = fMinor }, Vector(6)),
            new(new("vocal-dry") { Name = "Vocal_Dry.wav", Type = SampleType.Loop, Bpm = 140, Key = fMinor }, Vector(7)),
        };
        for (var i = 0; i < 200; i++)
        {
            samples.Add(new(new SampleFeatures("filler-" + i) { Name = $"texture_{i}.wav", Type = SampleType.OneShot, LibraryId = "lib" }, Vector(100 + i)));
        }

        return [.. samples];
    }

    [Fact]
    public void Text_search_applies_filters_and_ranks_descriptors_and_terms()
    {
        using var engine = SearchEngine.Build(Samples(), Dims);
        var hits = engine.Search("dark punchy 808 loop 140 bpm in F minor, no clipping");
        Assert.Equal(["dark-808", "bright-808"], hits.Select(h => h.SampleId));
        Assert.True(hits[0].Score > hits[1].Score);
        Assert.Contains("808", hits[0].Explanation, StringComparison.Ordinal);
        Assert.Contains("dark", hits[0].Explanation, StringComparison.Ordinal);
        Assert.Contains("4A", hits[0].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tempo_in_the_text_keeps_its_half_and_double_time_over_a_request_filter_that_takes_ranges_as_given()
    {
        using var engine = SearchEngine.Build(Samples(), Dims);
        var strict = new SampleFilter { MinBpm = 130, BpmTolerance = 0, HalfDoubleTime = false };

        var asGiven = engine.Search(new SearchRequest { Filter = strict, K = 300 }).Select(h => h.SampleId).ToList();
        var textTempo = engine.Search(new SearchRequest { Text = TextQueryParser.Parse("140 bpm"), Filter = strict, K = 300 })
            .Select(h => h.SampleId).ToList();

        Assert.DoesNotContain("bright-808", asGiven);
        Assert.Contains("dark-808", asGiven);
        Assert.Contains("bright-808", textTempo);
    }

    [Fact]
    public void Explanations_say_how_a_tempo_fits_and_write_no_doubled_signs()
    {
        using var engine = SearchEngine.Build(Samples(), Dims);

        string Why(string id, SampleFilter filter) =>
            engine.Search(new SearchRequest { Filter = filter, K = 300 }).Single(h => h.SampleId == id).Explanation;

        // Before: "70 BPM fits 130-150 (half/double time allowed: True)", and "fits 60-" for an open range.
        Assert.Contains("70 BPM fits 130-150 at double time (140)", Why("bright-808", new SampleFilter { MinBpm = 130, MaxBpm = 150 }), StringComparison.Ordinal);
        Assert.Contains("140 BPM fits 60-80 at half time (70)", Why("dark-808", new SampleFilter { MinBpm = 60, MaxBpm = 80 }), StringComparison.Ordinal);
        Assert.EndsWith("140 BPM fits 140", Why("dark-808", new SampleFilter { MinBpm = 140, MaxBpm = 140 }), StringComparison.Ordinal);
        Assert.Contains("140 BPM fits 100 or more", Why("dark-808", new SampleFilter { MinBpm = 100 }), StringComparison.Ordinal);
        Assert.Contains("70 BPM fits up to 90", Why("bright-808", new SampleFilter { MaxBpm = 90 }), StringComparison.Ordinal);

        // A barely bright sample excluded by "not bright": a part that rounds to zero was written "-+0.00", then "0.00"
        // without the sign every other part has.
        using var faint = SearchEngine.Build([new(new("faint") { Name = "pad.wav", Descriptors = new Dictionary<string, double> { ["bright"] = 0.001 } }, Vector(9))], Dims);
        var why = faint.Search("pad not bright").Single().Explanation;
        Assert.Contains("not bright -0.00", why, StringComparison.Ordinal);
        Assert.DoesNotContain("-+", why, StringComparison.Ordinal);
    }

    [Fact]
    public void A_descriptor_analysis_does_not_tag_counts_where_a_label_or_the_name_says_it()
    {
        // In slot order a tie would keep: the avoided one first, the plain one before those the descriptor should lift.
        IndexedSample[] samples =
        [
            new(new("avoided") { Name = "Keys_Vintage.wav", Type = SampleType.Loop }, Vector(1)),
            new(new("clean") { Name = "Keys_Clean.wav", Type = SampleType.Loop }, Vector(2)),
            new(new("named") { Name = "Keys_Lofi.wav", Type = SampleType.Loop }, Vector(3)),
            new(new("labelled") { Name = "Keys_3.wav", Type = SampleType.Loop, Labels = ["lofi"] }, Vector(4)),
        ];
        using var engine = SearchEngine.Build(samples, Dims);

        var hits = engine.Search("lofi keys, not vintage");

        Assert.Equal(["labelled", "named"], hits.Take(2).Select(h => h.SampleId).Order(StringComparer.Ordinal));
        Assert.Equal(["clean", "avoided"], hits.Skip(2).Select(h => h.SampleId));
        Assert.Contains("lofi", hits[0].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_that_says_a_descriptor_by_a_synonym_or_in_two_words_lifts_the_sample()
    {
        IndexedSample[] samples =
        [
            new(new("plain") { Name = "bass_1.wav", Type = SampleType.OneShot }, Vector(1)),
            new(new("fat") { Name = "001_fat_808.wav", Type = SampleType.OneShot }, Vector(2)),
            new(new("mono") { Name = "bass-mono.wav", Type = SampleType.OneShot }, Vector(3)),
            new(new("split") { Name = "bass_sub-heavy.wav", Type = SampleType.OneShot }, Vector(4)),
        ];
        using var engine = SearchEngine.Build(samples, Dims);

        Assert.Equal("fat", engine.Search("heavy")[0].SampleId);
        Assert.Equal("mono", engine.Search("mono-compatible")[0].SampleId);
        var heavy = engine.Search("sub heavy");
        Assert.Equal("split", heavy[0].SampleId);
        Assert.Contains("sub-heavy +", heavy[0].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Graded_descriptors_rank_a_clearly_bright_sample_above_one_that_only_just_is()
    {
        // In slot order a tie would keep: the weakest first, so only the grades can put the strongest on top.
        IndexedSample[] samples =
        [
            new(new("just-bright") { Name = "Pad_1.wav", Tags = ["bright"], Descriptors = new Dictionary<string, double> { ["bright"] = 0.55 } }, Vector(1)),
            new(new("not-bright") { Name = "Pad_2.wav", Descriptors = new Dictionary<string, double> { ["dark"] = 0.9 } }, Vector(2)),
            new(new("very-bright") { Name = "Pad_3.wav", Tags = ["bright"], Descriptors = new Dictionary<string, double> { ["bright"] = 0.95 } }, Vector(3)),
            new(new("labelled") { Name = "Pad_4.wav", Labels = ["bright"], Descriptors = new Dictionary<string, double> { ["bright"] = 0.2 } }, Vector(4)),
            new(new("tag-only") { Name = "Pad_5.wav", Tags = ["bright"] }, Vector(5)),
        ];
        using var engine = SearchEngine.Build(samples, Dims);

        var hits = engine.Search("bright pad");

        // A user's label and an ungraded (older) tag count fully; graded samples by their grade.
        Assert.Equal(["labelled", "tag-only"], hits.Take(2).Select(h => h.SampleId).Order(StringComparer.Ordinal));
        Assert.Equal(["very-bright", "just-bright", "not-bright"], hits.Skip(2).Select(h => h.SampleId));
        Assert.Contains("bright +0.14", hits[2].Explanation, StringComparison.Ordinal);

        var avoiding = engine.Search("pad, not bright");
        Assert.Equal("not-bright", avoiding[0].SampleId);
        Assert.Equal(["labelled", "tag-only", "very-bright"], avoiding.TakeLast(3).Select(h => h.SampleId).Order(StringComparer.Ordinal));
        Assert.Equal("just-bright", avoiding[1].SampleId);
    }

    [Fact]
    public void Excluded_words_remove_samples_whose_names_contain_them()
    {
        using var engine = SearchEngine.Build(Samples(), Dims);
        var hits = engine.Search("vocal without reverb");
        Assert.Equal("vocal-dry", hits[0].SampleId);
        Assert.DoesNotContain(hits, h => h.SampleId == "vocal-reverb");
    }

    [Theory]
    [InlineData("808bd", "808bd")]
    [InlineData("BD0010", "bd0010")]
    [InlineData("BD0010.WAV", "bd0010")]
    [InlineData("Kits/BD0010.WAV", "bd0010")]
    [InlineData("stab10", "stab10")]
    [InlineData("hh3closedhh", "hh3")]
    [InlineData("hardcore-bass-1", "hardcore")]
    [InlineData("hardcore_bass", "hardcore")]
    [InlineData("Hardcore_Bass-1.wav", "hardcore")]
    [InlineData("=HYPERLINK", "hyperlink")]
    [InlineData("@wind", "wind")]
    public void A_name_or_path_typed_as_listed_finds_its_sample(string text, string sampleId)
    {
        IndexedSample[] samples =
        [
            new(new("808bd") { Name = "808bd", Path = "Kits/808bd.wav" }, Vector(1)),
            new(new("bd0010") { Name = "BD0010", Path = "Kits/BD0010.WAV" }, Vector(2)),
            new(new("stab10") { Name = "stab10", Path = "Chords/stab10.wav" }, Vector(3)),
            new(new("hh3") { Name = "HH3ClosedHH", Path = "Hats/HH3ClosedHH.wav" }, Vector(4)),
            new(new("hardcore") { Name = "Hardcore_Bass-1", Path = "Bass/Hardcore_Bass-1.wav" }, Vector(5)),
            new(new("bass-hardcore") { Name = "1-Bass_Hardcore", Path = "Bass/1-Bass_Hardcore.wav" }, Vector(6)),
            new(new("hyperlink") { Name = "=HYPERLINK(x)", Path = "Odd/=HYPERLINK(x).wav" }, Vector(7)),
            new(new("wind") { Name = "@wind", Path = "Fx/@wind.wav" }, Vector(8)),
        ];
        using var engine = SearchEngine.Build(samples, Dims);

        // Was: the query word was matched whole against the name's words ("808", "bd"), so nothing came back.
        Assert.Equal([sampleId], engine.Search(text).Select(h => h.SampleId));
    }

    [Fact]
    public void Explanations_spell_keys_with_sharps_as_the_catalogue_lists_them()
    {
        IndexedSample[] samples =
        [
            new(new("a-sharp") { Name = "pad", Key = CamelotKey.Parse("A# minor"), Type = SampleType.Loop }, Vector(1)),
            new(new("g-sharp") { Name = "stab", Key = CamelotKey.Parse("G# major"), Type = SampleType.Loop }, Vector(2)),
        ];
        using var engine = SearchEngine.Build(samples, Dims);

        // Was: "key Bb minor (3A) fits F minor (4A)" for a sample the catalogue lists in A# minor.
        Assert.Contains("key A# minor (3A) fits F minor (4A)", engine.Search("pad in F minor").Single().Explanation, StringComparison.Ordinal);
        Assert.Contains("key G# major (4B) fits G# major (4B)", engine.Search("stab Ab major").Single().Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Fullwidth_and_decomposed_queries_find_what_their_plain_composed_spelling_finds()
    {
        IndexedSample[] samples =
        [
            new(new("unicode") { Name = "\u00fcn\u00efc\u00f8d\u00e9 stab", Path = "\u00fcn\u00efc\u00f8d\u00e9 stab.wav" }, Vector(1)),
            new(new("kick") { Name = "Kick_01", Path = "Drums/Kick_01.wav" }, Vector(2)),
            new(new("snare") { Name = "Snare_01", Path = "Drums/Snare_01.wav" }, Vector(3)),
        ];
        using var engine = SearchEngine.Build(samples, Dims);

        // Was: the decomposed query (as macOS spells names) split at its combining marks, and fullwidth letters were no class word.
        Assert.Equal(["unicode"], engine.Search("u\u0308ni\u0308c\u00f8de\u0301").Select(h => h.SampleId));
        Assert.Equal(["kick"], engine.Search("\uff2b\uff29\uff23\uff2b").Select(h => h.SampleId));
        Assert.Equal(["kick"], engine.Search("\uff4b\uff49\uff43\uff4b\uff53").Select(h => h.SampleId));
    }

    [Fact]
    public void Negation_words_alone_find_what_an_empty_query_finds_and_a_trailing_one_changes_nothing()
    {
        using var engine = SearchEngine.Build(Samples(), Dims);
        var everything = engine.Search("", k: 300).Select(h => h.SampleId).ToList();
        Assert.Equal(207, everything.Count);

        // Was: "not" found nothing (a name term) and "not not not" everything (the word "not" excluded, then asked for).
        foreach (var text in new[] { "not", "not not", "not not not", "the" })
        {
            Assert.Equal(everything, engine.Search(text, k: 300).Select(h => h.SampleId));
        }

        Assert.Equal(engine.Search("vocal", k: 300).Select(h => h.SampleId), engine.Search("vocal not", k: 300).Select(h => h.SampleId));
    }

    [Fact]
    public void Query_by_example_ranks_by_similarity_within_the_filter()
    {
        using var engine = SearchEngine.Build(Samples(), Dims);
        var hits = engine.Search(new SearchRequest { Vector = Vector(3), K = 3 });
        Assert.Equal("clipped-808", hits[0].SampleId);
        Assert.InRange(hits[0].Similarity!.Value, 0.999, 1.001);
        var filtered = engine.Search(new SearchRequest { Vector = Vector(3), K = 3, Filter = new SampleFilter { ExcludedDefects = ["clipping"] } });
        Assert.DoesNotContain(filtered, h => h.SampleId == "clipped-808");
        Assert.Equal(3, filtered.Count);
    }

    [Fact]
    public void Tied_hits_come_in_sample_id_order_whatever_order_the_samples_came_in()
    {
        // Equal features score equal: a filter-only search holds more ties than k, and before, the first samples to come
        // in won them (a slot's order), so a shard rebuilt in sample id order after a crash answered with other samples.
        var ids = Enumerable.Range(0, 40).Select(i => $"tied-{(i * 17) % 40:00}").ToArray();
        var inOrder = ids.Select(id => new IndexedSample(new SampleFeatures(id) { Name = "kick.wav", Type = SampleType.OneShot }, Vector(1)));
        using var asCame = SearchEngine.Build(inOrder, Dims);
        using var reversed = SearchEngine.Build(inOrder.Reverse(), Dims);
        var request = new SearchRequest { Filter = new SampleFilter { Type = SampleType.OneShot }, K = 5 };

        var first = asCame.Search(request).Select(h => h.SampleId);
        var second = reversed.Search(request).Select(h => h.SampleId);

        Assert.Equal(["tied-00", "tied-01", "tied-02", "tied-03", "tied-04"], first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Removed_and_replaced_samples_are_reflected_in_results()
    {
        using var engine = SearchEngine.Build(Samples(), Dims);
        Assert.True(engine.Remove("dark-808"));
        Assert.DoesNotContain(engine.Search("808 loop"), h => h.SampleId == "dark-808");
        engine.Upsert(new SampleFeatures("bright-808") { Name = "renamed.wav", Type = SampleType.OneShot }, Vector(2));
        Assert.Equal("renamed.wav", engine.GetFeatures("bright-808")!.Name);
        Assert.DoesNotContain(engine.Search("808 loop"), h => h.SampleId == "bright-808");
        Assert.Equal(1, engine.Compact() - 1);
        Assert.Equal("renamed.wav", engine.GetFeatures("bright-808")!.Name);
    }

    [Fact]
    public void A_shard_reloaded_from_its_saved_index_answers_the_same()
    {
        using var engine = SearchEngine.Build(Samples(), Dims, VectorMetric.Cosine, new HnswOptions { ExactSearchThreshold = 0 });
        var path = Path.Combine(Path.GetTempPath(), $"shard-{Guid.NewGuid():N}.idx");
        try
        {
            engine.SaveIndex(path);
            using var loaded = SearchEngine.Load(path, engine.Snapshot());
            var request = new SearchRequest { Vector = Vector(50), K = 5, Text = SampleMind.Search.Text.TextQueryParser.Parse("808 loop") };
            Assert.Equal(engine.Search(request), loaded.Search(request));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
