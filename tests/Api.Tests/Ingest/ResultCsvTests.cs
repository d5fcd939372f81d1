using SampleMind.Api.Endpoints;
using SampleMind.Grains.Abstractions.Ingest;
using SampleMind.Grains.Abstractions.Samples;

namespace SampleMind.Api.Tests.Ingest;

/// <summary>The results CSV: quoting, and text a spreadsheet would run as a formula kept as text.</summary>
public sealed class ResultCsvTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\").wav", "\"'=HYPERLINK(\"\"http://x\"\").wav\"")]
    [InlineData("+1.wav", "'+1.wav")]
    [InlineData("-kick.wav", "'-kick.wav")]
    [InlineData("@sum.wav", "'@sum.wav")]
    [InlineData("\tx.wav", "'\tx.wav")]
    [InlineData("kicks/a,b.wav", "\"kicks/a,b.wav\"")]
    [InlineData("kicks/=a.wav", "kicks/=a.wav")]
    public void A_path_that_a_spreadsheet_would_run_is_written_as_text(string path, string cell)
    {
        var line = ResultCsv.Format(new JobResultRow(path, "failed", null, "-bad"));

        Assert.StartsWith(cell + ",failed,", line, StringComparison.Ordinal);
        Assert.EndsWith(",'-bad", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Numbers_keep_their_sign()
    {
        var sample = new SampleSummary("s1", "lib", "a.wav", "00", null, 1.5, 120, "A minor", "8A", "loop", -14.25, ["dark"], [], [], "job-1");

        var line = ResultCsv.Format(new JobResultRow("a.wav", "analysed", sample, null));

        Assert.Equal("a.wav,analysed,s1,,1.5,120,A minor,8A,loop,-14.25,dark,,", line);
    }

    [Fact]
    public void A_duration_is_shown_to_the_microsecond_and_other_numbers_to_three_decimals()
    {
        // Before, 3.000023 s showed as "3", yet durationMax=3 leaves the file out.
        var sample = new SampleSummary("s1", "lib", "a.wav", "00", null, 3.000023, 128.00049, null, null, "loop", -9.87654, [], [], [], "job-1");

        var line = ResultCsv.Format(new JobResultRow("a.wav", "analysed", sample, null));

        Assert.Equal("a.wav,analysed,s1,,3.000023,128,,,loop,-9.877,,,", line);
    }
}
