using SampleMind.Api.Endpoints;

namespace SampleMind.Api.Tests.Ingest;

public sealed class IngestDraftTests
{
    [Fact]
    public void A_label_given_twice_is_kept_once_in_the_order_first_given()
    {
        var draft = new IngestDraft("fast", null, null, ["dup", "kit", "dup", "Dup", "kit"]);

        var spec = draft.ToSpec("job-1", "admin", "lib", DateTimeOffset.UnixEpoch);

        Assert.Equal(["dup", "kit", "Dup"], spec.Labels);
    }
}
