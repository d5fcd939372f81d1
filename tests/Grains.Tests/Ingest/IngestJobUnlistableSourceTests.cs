using SampleMind.Grains.Abstractions.Ingest;

namespace SampleMind.Grains.Tests.Ingest;

/// <summary>
/// A job whose source cannot be listed (its folder gone or unreadable) tries again with a growing wait and then sets the
/// rest of its listing aside as one failed item with the reason, and completes. It retried every 20 ms for good, the
/// runtime logging each failure's stack trace, until someone cancelled it.
/// </summary>
public sealed class IngestJobUnlistableSourceTests : IAsyncLifetime
{
    private IngestSilo? _silo;

    public async Task InitializeAsync() => _silo = await IngestSilo.StartAsync(new Dictionary<string, string?>());

    public async Task DisposeAsync() => await _silo!.DisposeAsync();

    [Fact]
    public async Task A_job_whose_folder_is_gone_completes_with_the_listing_set_aside_and_its_reason()
    {
        var gone = Path.Combine(_silo!.Directory, "gone");
        var spec = new IngestJobSpec("job-gone", "t", "lib", IngestSourceKind.Directory, gone, null, "fast", 5, null, [], DateTimeOffset.UtcNow);

        var status = await _silo.RunJobAsync(spec, TimeSpan.FromSeconds(60));

        Assert.Equal((JobState.Completed, true, 1L, 1L), (status.State, status.ListingComplete, status.Listed, status.Failed));
        var failure = Assert.Single(status.RecentFailures);
        Assert.Equal(".", failure.Path);
        Assert.Equal("The source could not be listed from the start (5 tries): no such folder.", failure.Reason);
    }
}
