using SampleMind.Search.Text;

namespace SampleMind.Search.Tests.Text;

public sealed class NameTokenizerTests
{
    [Fact]
    public void Names_split_at_separators_and_letter_digit_boundaries() =>
        Assert.Equal(["808", "bass", "dark", "01", "wav"], NameTokenizer.Tokenize("808Bass_Dark-01.wav"));

    [Fact]
    public void Terms_match_synonyms_and_plurals()
    {
        var term = new QueryTerm("hihat", ["hihat", "hh", "hat"]);
        Assert.True(NameTokenizer.Matches(NameTokenizer.Tokenize("Drums/Hats/closed_01.wav"), term));
        Assert.True(NameTokenizer.Matches(NameTokenizer.Tokenize("HH_open.wav"), term));
        Assert.False(NameTokenizer.Matches(NameTokenizer.Tokenize("that_sound.wav"), term));
    }

    [Theory]
    [InlineData("RIDED0.wav", true)] // a word beginning with the query word, one letter more
    [InlineData("Cymbals/ride_02.wav", true)]
    [InlineData("riders_01.wav", true)]
    [InlineData("ridealong_01.wav", false)] // five letters more: another word
    [InlineData("stride.wav", false)] // the query word inside, not at the start
    [InlineData("rid_01.wav", false)] // shorter than the query word
    public void A_word_may_begin_with_the_query_word_and_run_on_a_few_letters(string name, bool matches) =>
        Assert.Equal(matches, NameTokenizer.Matches(NameTokenizer.Tokenize(name), new QueryTerm("ride", ["ride"])));

    [Fact]
    public void Short_and_numeric_query_words_match_whole_words_only()
    {
        Assert.False(NameTokenizer.Matches(NameTokenizer.Tokenize("hhx_01.wav"), new QueryTerm("hihat", ["hh"])));
        Assert.True(NameTokenizer.Matches(NameTokenizer.Tokenize("hh_01.wav"), new QueryTerm("hihat", ["hh"])));
        Assert.False(NameTokenizer.Matches(NameTokenizer.Tokenize("8080_kit.wav"), new QueryTerm("808", ["808"])));
        Assert.True(NameTokenizer.Matches(NameTokenizer.Tokenize("808_kit.wav"), new QueryTerm("808", ["808"])));
    }

    [Theory]
    [InlineData("Bass/Hardcore_Bass-1.wav", true)]
    [InlineData("Hardcore_Bass-12.wav", false)] // "1" is a number: whole words only
    [InlineData("Bass-1_Hardcore.wav", false)] // all the words, not in order
    [InlineData("Hardcore_Sub_Bass-1.wav", false)] // in order, not adjacent
    [InlineData("hardcores_bass_1.wav", true)] // each word as a one-word term matches it
    public void A_term_the_tokenizer_splits_matches_its_words_adjacent_and_in_order(string name, bool matches) =>
        Assert.Equal(matches, NameTokenizer.Matches(NameTokenizer.Tokenize(name), new QueryTerm("hardcore-bass-1", ["hardcore-bass-1"])));

    [Fact]
    public void Decomposed_and_fullwidth_names_split_into_the_words_their_composed_plain_spelling_has()
    {
        // Was: a combining mark is no letter, so the decomposed name (as macOS gives it) split into u, n, i, cød, e.
        Assert.Equal(["\u00fcn\u00efc\u00f8d\u00e9", "stab", "wav"], NameTokenizer.Tokenize("u\u0308ni\u0308c\u00f8de\u0301 stab.wav"));
        Assert.Equal(["\u01d8ber"], NameTokenizer.Tokenize("U\u0308\u0301ber")); // two marks compose in turn: Ü, then Ǘ
        Assert.Equal(["kick", "01"], NameTokenizer.Tokenize("\uff2b\uff29\uff23\uff2b_\uff10\uff11"));
    }
}
