using SampleMind.Audio;
using SampleMind.Search.Filters;
using SampleMind.Search.Text;

namespace SampleMind.Search.Tests.Text;

public sealed class TextQueryParserTests
{
    [Fact]
    public void The_reference_query_becomes_filters_preferences_and_terms()
    {
        var query = TextQueryParser.Parse("dark punchy 808 loop 140 bpm in F minor, no clipping");
        Assert.Equal(140, query.Filter.MinBpm);
        Assert.Equal(140, query.Filter.MaxBpm);
        Assert.Equal(CamelotKey.Parse("Fm"), query.Filter.Key);
        Assert.Equal(SampleType.Loop, query.Filter.Type);
        Assert.Equal(["clipping"], query.Filter.ExcludedDefects);
        Assert.Equal(["dark", "punchy"], query.Preferences);
        Assert.Equal(["808"], query.Terms.Select(t => t.Term));
    }

    [Theory]
    [InlineData("140 bpm", 140, 140)]
    [InlineData("140bpm", 140, 140)]
    [InlineData("bpm 120-130", 120, 130)]
    [InlineData("120-130 bpm", 120, 130)]
    [InlineData("tempo 90", 90, 90)]
    public void Tempo_forms_set_the_bpm_range(string text, double min, double max)
    {
        var filter = TextQueryParser.Parse(text).Filter;
        Assert.Equal(min, filter.MinBpm);
        Assert.Equal(max, filter.MaxBpm);
    }

    [Theory]
    [InlineData("pad in C", "8B")]
    [InlineData("bass Fm", "4A")]
    [InlineData("chords 8A", "8A")]
    [InlineData("lead C# minor", "12A")]
    [InlineData("keys in am", "8A")]
    [InlineData("Eb maj stab", "5B")]
    [InlineData("key of C", "8B")]
    [InlineData("pad in the key of E", "12B")]
    [InlineData("key of db", "3B")]
    [InlineData("key of A", "11B")]
    [InlineData("Bb loop", "6B")]
    [InlineData("[F minor]", "4A")]
    public void Key_forms_set_the_key(string text, string camelot) =>
        Assert.Equal(CamelotKey.Parse(camelot), TextQueryParser.Parse(text).Filter.Key);

    [Theory]
    [InlineData("a loop")]
    [InlineData("FM bass")]
    [InlineData("am pad")]
    public void Ambiguous_words_are_not_taken_for_keys(string text) =>
        Assert.Null(TextQueryParser.Parse(text).Filter.Key);

    [Theory]
    [InlineData("kick one-shot", SampleType.OneShot)]
    [InlineData("snare one shot", SampleType.OneShot)]
    [InlineData("clap hit", SampleType.OneShot)]
    [InlineData("drum loops", SampleType.Loop)]
    public void Type_words_set_the_type(string text, SampleType type) =>
        Assert.Equal(type, TextQueryParser.Parse(text).Filter.Type);

    [Fact]
    public void Durations_set_bounds()
    {
        Assert.Equal(2.0, TextQueryParser.Parse("kick under 2s").Filter.MaxDurationSeconds);
        Assert.Equal(0.5, TextQueryParser.Parse("hat less than 500 ms").Filter.MaxDurationSeconds);
        Assert.Equal(4.0, TextQueryParser.Parse("pad longer than 4 seconds").Filter.MinDurationSeconds);
        Assert.Equal(1.0, TextQueryParser.Parse("short snare").Filter.MaxDurationSeconds);
    }

    [Fact]
    public void Negations_exclude_defects_avoid_descriptors_and_exclude_words()
    {
        var query = TextQueryParser.Parse("vocal without reverb, no dc offset, not bright");
        Assert.Equal(["dc-offset"], query.Filter.ExcludedDefects);
        Assert.Equal(["bright"], query.Avoid);
        Assert.Equal(["reverb"], query.ExcludedTerms.Select(t => t.Term));
        Assert.Equal(["vocal"], query.Terms.Select(t => t.Term));
    }

    [Fact]
    public void Defect_words_exclude_the_kinds_analysis_reports()
    {
        var query = TextQueryParser.Parse("snare without clicks, no silence, not clipped");
        Assert.Equal(["click", "leading-silence", "trailing-silence", "clipping"], query.Filter.ExcludedDefects);

        // Every name the language excludes is one analysis gives a defect, and every kind can be excluded by its name.
        foreach (var (spelling, kinds) in Vocabulary.Defects)
        {
            Assert.All(kinds, kind => Assert.Contains(kind, DefectKindNames.All));
            Assert.Equal(kinds, TextQueryParser.Parse("pad no " + spelling).Filter.ExcludedDefects);
        }

        Assert.All(DefectKindNames.All, name => Assert.Equal([name], Vocabulary.Defects[name]));
    }

    [Fact]
    public void Class_words_carry_their_synonyms()
    {
        var term = Assert.Single(TextQueryParser.Parse("hh").Terms);
        Assert.Equal("hihat", term.Term);
        Assert.Contains("hat", term.Synonyms);
        Assert.Contains("hihat", term.Synonyms);
    }

    [Fact]
    public void Unknown_words_become_name_terms_without_error()
    {
        var query = TextQueryParser.Parse("zorblax wobble 303");
        Assert.Equal(["zorblax", "wobble", "303"], query.Terms.Select(t => t.Term));
        Assert.Equal(SampleFilter.None with { ExcludedDefects = [] }, query.Filter with { ExcludedDefects = [] });
    }

    [Fact]
    public void Two_word_descriptors_are_recognised()
    {
        var query = TextQueryParser.Parse("sub heavy mono compatible bass");
        Assert.Equal(["sub-heavy", "mono-compatible"], query.Preferences);
    }

    [Theory]
    [InlineData("[kick]")]
    [InlineData("{kick}")]
    [InlineData("(kick)")]
    public void Brackets_separate_words(string text) =>
        Assert.Equal(["kick"], TextQueryParser.Parse(text).Terms.Select(t => t.Term));

    [Theory]
    [InlineData("'kick'")]
    [InlineData("'kick' 'loop'")]
    [InlineData("'kick' 'one-shot'")]
    public void Single_quotes_around_a_word_are_read_as_double_quotes_are(string text)
    {
        var single = TextQueryParser.Parse(text);
        var dbl = TextQueryParser.Parse(text.Replace('\'', '"'));
        Assert.Equal(dbl.Terms.Select(t => t.Term), single.Terms.Select(t => t.Term));
        Assert.Equal(dbl.Filter.Type, single.Filter.Type);
        Assert.Equal(["kick"], single.Terms.Select(t => t.Term));
    }

    [Fact]
    public void A_word_with_no_letter_or_digit_is_skipped_as_it_could_match_no_name() =>
        Assert.Equal(["kick", "snare"], TextQueryParser.Parse("kick - snare ---").Terms.Select(t => t.Term));

    [Fact]
    public void Fullwidth_words_read_as_their_plain_spelling()
    {
        // "ＫＩＣＫ １４０ ｂｐｍ ｉｎ Ｆ ｍｉｎｏｒ"
        var query = TextQueryParser.Parse("\uff2b\uff29\uff23\uff2b \uff11\uff14\uff10 \uff42\uff50\uff4d \uff49\uff4e \uff26 \uff4d\uff49\uff4e\uff4f\uff52");
        Assert.Equal(["kick"], query.Terms.Select(t => t.Term));
        Assert.Equal(140, query.Filter.MinBpm);
        Assert.Equal(CamelotKey.Parse("Fm"), query.Filter.Key);
    }

    [Fact]
    public void A_negated_two_word_class_or_type_is_taken_whole()
    {
        var hats = TextQueryParser.Parse("kick without hi hat");
        Assert.Equal(["hihat"], hats.ExcludedTerms.Select(t => t.Term));
        Assert.Equal(["kick"], hats.Terms.Select(t => t.Term));

        Assert.Equal(SampleType.Loop, TextQueryParser.Parse("kick no one shot").Filter.Type);
        Assert.Equal(SampleType.OneShot, TextQueryParser.Parse("snare not loops").Filter.Type);
        Assert.Empty(TextQueryParser.Parse("kick no one shot").ExcludedTerms);
    }

    [Theory]
    [InlineData("not")]
    [InlineData("not not")]
    [InlineData("not not not")]
    [InlineData("no, without")]
    [InlineData("not the")]
    public void A_negation_with_nothing_to_negate_is_skipped_like_a_stop_word(string text)
    {
        // Was: "not" became a name term (finding nothing) and "not not" excluded the word "not" (finding everything).
        var query = TextQueryParser.Parse(text);
        Assert.Equivalent(TextQueryParser.Parse("the") with { Text = text }, query, strict: true);
        Assert.Empty(query.Terms);
        Assert.Empty(query.ExcludedTerms);
    }

    [Fact]
    public void A_trailing_negation_leaves_the_rest_of_the_query_as_it_was()
    {
        var query = TextQueryParser.Parse("kick not");
        Assert.Equal(["kick"], query.Terms.Select(t => t.Term));
        Assert.Empty(query.ExcludedTerms);
        Assert.Equal(["kick"], TextQueryParser.Parse("kick not not").Terms.Select(t => t.Term));
    }

    [Fact]
    public void Repeated_negations_and_stop_words_before_the_negated_word_negate_it_once()
    {
        foreach (var text in new[] { "snare not not kick", "snare no a kick", "snare not, not the kick" })
        {
            var query = TextQueryParser.Parse(text);
            Assert.Equal(["kick"], query.ExcludedTerms.Select(t => t.Term));
            Assert.Equal(["snare"], query.Terms.Select(t => t.Term));
        }

        Assert.Equal(["clipping"], TextQueryParser.Parse("pad without the clipping").Filter.ExcludedDefects);
    }

    [Theory]
    [InlineData("snare not in F minor")]
    [InlineData("snare no 140 bpm")]
    [InlineData("snare without Am")]
    [InlineData("snare not under 2s")]
    [InlineData("snare not the key of C")]
    public void A_negated_key_tempo_or_duration_is_dropped_neither_required_nor_excluded_as_words(string text)
    {
        // Was: "not in F minor" excluded the name word "f" and asked for "minor" (and before that excluded "in" and
        // required F minor); no filter takes a key's, tempo's or duration's opposite.
        var query = TextQueryParser.Parse(text);
        Assert.Equivalent(TextQueryParser.Parse("snare") with { Text = text }, query, strict: true);
        Assert.Empty(query.ExcludedTerms);
    }
}
