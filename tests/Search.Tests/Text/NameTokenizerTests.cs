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
}
