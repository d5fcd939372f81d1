using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SampleMind.Api.Tests.Cli;

/// <summary>
/// Lines the built CLI prints for answers with nothing in them and for problems: an empty listing says so in a line (as
/// search's "no hits"), and a problem reads as one sentence, its title and detail (or its fields) joined once.
/// </summary>
public sealed class CliListAndProblemTests : IAsyncLifetime
{
    private FakeApi? _api;

    public async Task InitializeAsync() => _api = await FakeApi.StartAsync(app =>
    {
        app.MapGet("/v1/jobs", () => FakeApi.Json("""{"items":[]}"""));
        app.MapGet("/v1/libraries", () => FakeApi.Json("""{"items":[]}"""));
        app.MapGet("/v1/tenants/admin/keys", () => FakeApi.Json("""{"items":[]}"""));
        app.MapPost("/v1/libraries/bad/ingests", () => Results.ValidationProblem(new Dictionary<string, string[]>
        {
            ["source.path"] = ["The path must be absolute.", "It must lie inside an ingest root."],
            ["level"] = ["Unknown level."],
        }));
        app.MapGet("/v1/jobs/titled", () => Results.Problem(title: "Gone away", statusCode: 410));
    });

    public async Task DisposeAsync() => await _api!.DisposeAsync();

    [Theory]
    [InlineData("no jobs", "jobs")]
    [InlineData("no libraries", "libraries")]
    [InlineData("no keys", "keys", "list")]
    public async Task An_empty_listing_says_so(string said, params string[] args)
    {
        var run = await CliProcess.RunAsync([.. args, "--api", _api!.Address, "--key", "smk_a_b"]);

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.Matches($@"(?m)^ *{said} *$", run.Out);
    }

    [Fact]
    public async Task A_validation_problem_reads_as_one_sentence_with_its_fields()
    {
        var run = await CliProcess.RunAsync("ingest", "/srv/x", "--library", "bad", "--api", _api!.Address, "--key", "smk_a_b");

        // Was "One or more validation errors occurred.: source.path: ... root.; level: ...".
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "HTTP 400: One or more validation errors occurred: source.path: The path must be absolute. It must lie inside an ingest root; level: Unknown level.\n",
            run.Error);
    }

    [Fact]
    public async Task A_problem_with_a_title_alone_is_its_title()
    {
        var run = await CliProcess.RunAsync("jobs", "titled", "--api", _api!.Address, "--key", "smk_a_b");

        // Was "HTTP 410: Gone away: " (an empty detail after the colon).
        Assert.Equal((1, "HTTP 410: Gone away\n"), (run.ExitCode, run.Error));
    }
}
