using SampleMind.Audio;
using SampleMind.Search.Filters;
using AudioKeyMode = SampleMind.Audio.KeyMode;
using SearchKeyMode = SampleMind.Search.Filters.KeyMode;

namespace SampleMind.Grains.Tests.Search;

/// <summary>
/// The Camelot code the analysis stores is the one listings and search filters parse: each of the 24 keys, written by
/// the analyser, reads back as the same tonic and mode (B major and G# minor once read back as E major and C# minor).
/// </summary>
public sealed class KeyCodesAgreeTests
{
    [Fact]
    public void Every_analysed_key_parses_back_to_itself()
    {
        for (var tonic = 0; tonic < 12; tonic++)
        {
            foreach (var (analysed, searched) in new[] { (AudioKeyMode.Major, SearchKeyMode.Major), (AudioKeyMode.Minor, SearchKeyMode.Minor) })
            {
                var camelot = new KeyCandidate { TonicPitchClass = tonic, Tonic = "?", Mode = analysed, Score = 0 }.Camelot;

                Assert.True(CamelotKey.TryParse(camelot, out var parsed), camelot);
                Assert.Equal(new CamelotKey(tonic, searched), parsed);
            }
        }
    }
}
