using SampleMind.Grains.Ingest;

namespace SampleMind.Grains.Tests.Ingest;

public sealed class IngestOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid_and_hold_more_files_than_they_analyse_at_once()
    {
        var options = new IngestOptions();

        Assert.True(new IngestOptionsValidator().Validate(null, options).Succeeded);
        Assert.True(options.Concurrency > options.AnalysisConcurrency);
    }

    [Theory]
    [InlineData("roots")]
    [InlineData("./roots")]
    [InlineData("~/samples")]
    [InlineData("")]
    public void A_relative_root_fails_naming_the_setting_and_an_absolute_one_passes(string relative)
    {
        var absolute = Path.Combine(Path.GetTempPath(), "samples");
        var options = new IngestOptions { Roots = new() { ["*"] = [absolute], ["admin"] = [absolute, relative] } };

        var result = new IngestOptionsValidator().Validate(null, options);

        // Before, "roots" passed and was taken from the working directory: a host started in /tmp/x let /tmp/x/roots be ingested.
        Assert.True(result.Failed);
        Assert.Equal($"Ingest:Roots:admin:1 is '{relative}', which is not an absolute path: a root must be one (/srv/samples), " +
            "where a relative one would be taken from the host's working directory.", Assert.Single(result.Failures!));
        Assert.True(new IngestOptionsValidator().Validate(null, new IngestOptions { Roots = new() { ["admin"] = [absolute] } }).Succeeded);
    }

    [Theory]
    [InlineData(0, 2, "Ingest:Concurrency")]
    [InlineData(8, 0, "Ingest:AnalysisConcurrency")]
    public void A_concurrency_below_one_fails_naming_the_setting(int concurrency, int analysis, string named)
    {
        var result = new IngestOptionsValidator().Validate(null, new IngestOptions { Concurrency = concurrency, AnalysisConcurrency = analysis });

        Assert.True(result.Failed);
        Assert.Contains(named, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(IngestOptionsValidator.MaxReadOnceBytes + 1)]
    public void A_read_once_bound_outside_zero_to_one_gibibyte_fails_naming_the_setting(int bytes)
    {
        var result = new IngestOptionsValidator().Validate(null, new IngestOptions { ReadOnceMaxBytes = bytes });

        Assert.True(result.Failed);
        Assert.Contains("Ingest:ReadOnceMaxBytes", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(IngestOptionsValidator.MaxListBatchSize + 1)]
    public void A_list_batch_size_outside_one_to_the_maximum_fails_naming_the_setting(int size)
    {
        var result = new IngestOptionsValidator().Validate(null, new IngestOptions { ListBatchSize = size });

        Assert.True(result.Failed);
        Assert.Contains("Ingest:ListBatchSize", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xyz", "Ingest:Extensions has 'xyz': an extension starts with its dot ('.xyz').")]
    [InlineData(".tar.gz", "Ingest:Extensions has '.tar.gz': an extension is a dot and a name without dots")]
    [InlineData(".", "Ingest:Extensions has '.': an extension is a dot and a name without dots")]
    public void An_extension_no_file_name_can_match_fails_naming_the_setting(string extension, string said)
    {
        // Before, it was taken and matched nothing: a file's last extension, with its dot, is compared with each entry.
        var result = new IngestOptionsValidator().Validate(null, new IngestOptions { Extensions = [".wav", extension] });

        Assert.True(result.Failed);
        Assert.StartsWith(said, result.FailureMessage, StringComparison.Ordinal);
    }
}
