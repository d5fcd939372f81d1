using SampleMind.Search.Filters;

namespace SampleMind.Search.Tests.Filters;

public sealed class CamelotKeyTests
{
    [Theory]
    [InlineData("8A", 9, KeyMode.Minor)]
    [InlineData("8b", 0, KeyMode.Major)]
    [InlineData("F minor", 5, KeyMode.Minor)]
    [InlineData("Fm", 5, KeyMode.Minor)]
    [InlineData("F#min", 6, KeyMode.Minor)]
    [InlineData("Db", 1, KeyMode.Major)]
    [InlineData("Eb major", 3, KeyMode.Major)]
    [InlineData("A♭ minor", 8, KeyMode.Minor)]
    [InlineData("12B", 4, KeyMode.Major)]
    public void Parse_reads_camelot_codes_and_note_names(string text, int tonic, KeyMode mode) =>
        Assert.Equal(new CamelotKey(tonic, mode), CamelotKey.Parse(text));

    [Fact]
    public void Camelot_codes_round_trip_for_all_24_keys()
    {
        for (var code = 0; code < 24; code++)
        {
            var key = CamelotKey.FromCode(code);
            Assert.Equal(code, key.Code);
            Assert.Equal(key, CamelotKey.Parse(key.Camelot));
        }
    }

    [Fact]
    public void Compatible_keys_are_same_relative_and_camelot_neighbours()
    {
        var aMinor = CamelotKey.Parse("8A");
        var compatible = aMinor.CompatibleKeys().Select(k => k.Camelot).Order().ToArray();
        Assert.Equal(["7A", "8A", "8B", "9A"], compatible);
        Assert.True(aMinor.IsCompatibleWith(CamelotKey.Parse("C major")));
        Assert.False(aMinor.IsCompatibleWith(CamelotKey.Parse("F# major")));
        Assert.False(aMinor.IsCompatibleWith(CamelotKey.Parse("9A"), KeyMatch.Relative));
    }

    [Fact]
    public void Neighbours_wrap_around_the_wheel()
    {
        var twelve = CamelotKey.Parse("12A").CompatibleKeys().Select(k => k.Camelot).ToHashSet();
        Assert.Contains("1A", twelve);
        Assert.Contains("11A", twelve);
    }

    [Theory]
    [InlineData("")]
    [InlineData("13A")]
    [InlineData("H minor")]
    [InlineData("Fx")]
    public void Non_keys_do_not_parse(string text) => Assert.False(CamelotKey.TryParse(text, out _));
}
