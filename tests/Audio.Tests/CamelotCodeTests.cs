using System.Text.Json;

namespace SampleMind.Audio.Tests;

/// <summary>The Camelot code an analysed key carries, against the wheel as DJs print it.</summary>
public sealed class CamelotCodeTests
{
    public static TheoryData<int, KeyMode, string> Wheel() => new()
    {
        { 11, KeyMode.Major, "1B" }, { 6, KeyMode.Major, "2B" }, { 1, KeyMode.Major, "3B" }, { 8, KeyMode.Major, "4B" },
        { 3, KeyMode.Major, "5B" }, { 10, KeyMode.Major, "6B" }, { 5, KeyMode.Major, "7B" }, { 0, KeyMode.Major, "8B" },
        { 7, KeyMode.Major, "9B" }, { 2, KeyMode.Major, "10B" }, { 9, KeyMode.Major, "11B" }, { 4, KeyMode.Major, "12B" },
        { 8, KeyMode.Minor, "1A" }, { 3, KeyMode.Minor, "2A" }, { 10, KeyMode.Minor, "3A" }, { 5, KeyMode.Minor, "4A" },
        { 0, KeyMode.Minor, "5A" }, { 7, KeyMode.Minor, "6A" }, { 2, KeyMode.Minor, "7A" }, { 9, KeyMode.Minor, "8A" },
        { 4, KeyMode.Minor, "9A" }, { 11, KeyMode.Minor, "10A" }, { 6, KeyMode.Minor, "11A" }, { 1, KeyMode.Minor, "12A" },
    };

    [Theory]
    [MemberData(nameof(Wheel))]
    public void Every_key_has_its_place_on_the_wheel(int tonic, KeyMode mode, string camelot)
    {
        Assert.Equal(camelot, Candidate(tonic, mode).Camelot);
    }

    [Fact]
    public void A_record_stored_with_the_earlier_wrong_code_reads_back_with_the_right_one()
    {
        // Until this fix B major was stored as 12B (E major's code) and G# minor as 12A (C# minor's).
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var written = JsonSerializer.Serialize(Candidate(11, KeyMode.Major), web);
        Assert.Contains("\"camelot\":\"1B\"", written, StringComparison.Ordinal);
        var stored = written.Replace("\"camelot\":\"1B\"", "\"camelot\":\"12B\"", StringComparison.Ordinal);

        var read = JsonSerializer.Deserialize<KeyCandidate>(stored, web)!;

        Assert.Equal(11, read.TonicPitchClass);
        Assert.Equal("1B", read.Camelot);
    }

    private static KeyCandidate Candidate(int tonic, KeyMode mode) => new()
    {
        TonicPitchClass = tonic,
        Tonic = "?",
        Mode = mode,
        Score = 0,
    };
}
