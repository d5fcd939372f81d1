using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SampleMind.Api.Tests.Cli;

/// <summary>
/// What the CLI, as the built process, makes of answers: another server's HTML page (a success or an error, whatever
/// its status) is said to be one in a line, exit code 1; <c>--json</c> (search, jobs, libraries, keys list, ingest --no-wait) prints the API's
/// JSON as it came; a table into a pipe is plain
/// text in ASCII, each row on one line however long.
/// </summary>
public sealed class CliAnswerTests : IAsyncLifetime
{
    private const string SearchAnswer = """{ "hits": [], "note": "'kick' \"808\" café <b>" }""";

    private static readonly string LongJobId = "job-" + new string('7', 150);

    /// <summary>What the fake API answers, by path: JSON as the API sends it (spaced, broken over lines, non-ASCII).</summary>
    private static readonly Dictionary<string, string> Answers = new()
    {
        ["/v1/jobs"] = $$"""{"items":[{"jobId":"{{LongJobId}}","libraryId":"drums","state":"Running","succeeded":1,"failed":0,"listed":2}]}""",
        ["/v1/jobs/job-7"] = """{ "jobId": "job-7", "libraryId": "drums", "state": "Running", "listed": 2, "succeeded": 1, "failed": 0, "note": "café" }""",
        ["/v1/libraries"] = """{"items":[{"libraryId":"drums","samples":12345,"audioSeconds":3725.4}]}""",
        ["/v1/libraries/drums"] = """
            {"libraryId":"drums","samples":3,"duplicates":1,"audioSeconds":4.5,"bpm":{"min":90,"max":128.5},"loudness":null,
             "types":{"loop":1,"one-shot":2},"keys":[{"key":"F minor","camelot":"4A","samples":2}],"withoutKey":1,
             "defects":{"clipping":2,"click":0}}
            """,
        ["/v1/tenants/admin/keys"] = """{"items": [{"keyId": "k1", "name": "ci", "scopes": "ingest,read", "createdAt": "2025-01-02T03:04:05Z", "revokedAt": null}]}""",
        ["/v1/libraries/keyed"] = new JsonObject
        {
            ["libraryId"] = "keyed", ["samples"] = 500, ["duplicates"] = 0, ["audioSeconds"] = 600.0, ["bpm"] = null, ["loudness"] = null,
            ["types"] = new JsonObject(), ["withoutKey"] = 9, ["defects"] = new JsonObject(),
            ["keys"] = new JsonArray([.. Enumerable.Range(0, 23).Select(i => (JsonNode?)new JsonObject { ["key"] = $"key{i}", ["camelot"] = $"c{i}", ["samples"] = 30 - i })]),
        }.ToJsonString(),
        ["/v1/libraries/drums/ingests"] = """{ "jobId": "job-8", "state": "Listing" }""",
    };

    private FakeApi? _api;

    public async Task InitializeAsync() => _api = await FakeApi.StartAsync(app =>
    {
        var page = "<!DOCTYPE html>\n<html><head><title>Welcome</title></head><body>" + new string('x', 5000) + "</body></html>\n";
        app.MapGet("/site/{**rest}", () => Results.Content(page, "text/html"));
        app.MapPost("/v1/search", () => FakeApi.Json(SearchAnswer));
        foreach (var (path, answer) in Answers)
        {
            app.MapMethods(path, [path.EndsWith("/ingests", StringComparison.Ordinal) ? "POST" : "GET"], () => FakeApi.Json(answer));
        }

        app.MapGet("/v1/tenants/odd/keys", () => FakeApi.Json("""{"keys":[]}"""));
        app.MapDelete("/v1/samples/s-gone", () => Results.NoContent());
        app.MapDelete("/v1/libraries/drums", () => FakeApi.Json("""{"libraryId":"drums","removed":12345}"""));
        app.MapDelete("/v1/samples/s-unknown", () => Results.Problem(detail: "There is no sample 's-unknown'.", statusCode: 404, title: "Not Found"));
        app.MapFallback(() => Results.Content(page, "text/html", statusCode: 404));
    });

    public async Task DisposeAsync() => await _api!.DisposeAsync();

    [Theory]
    [InlineData("jobs")]
    [InlineData("export", "job-1")]
    public async Task A_server_that_answers_a_page_is_not_taken_for_the_api(params string[] args)
    {
        var run = await CliProcess.RunAsync([.. args, "--api", _api!.Address + "/site/", "--key", "smk_a_b"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"{_api.Address}/site/ did not answer as a SampleMind API (HTTP 200, text/html); is --api (or SAMPLEMIND_API) right?\n", run.Error);
        Assert.Equal("", run.Out);
    }

    [Theory]
    [InlineData("jobs", "job-1")]
    [InlineData("export", "job-1")]
    [InlineData("samples", "delete", "s-1")]
    public async Task An_error_page_is_said_to_come_from_another_server(params string[] args)
    {
        var run = await CliProcess.RunAsync([.. args, "--api", _api!.Address, "--key", "smk_a_b"]);

        // Was "HTTP 404: <!DOCTYPE html>".
        Assert.Equal((1, ""), (run.ExitCode, run.Out));
        Assert.Equal($"{_api.Address}/ did not answer as a SampleMind API (HTTP 404, text/html); is --api (or SAMPLEMIND_API) right?\n", run.Error);
    }

    [Fact]
    public async Task A_deleted_sample_is_said_in_a_line_and_an_unknown_one_is_the_apis_problem_with_exit_code_1()
    {
        var deleted = await CliProcess.RunAsync("samples", "delete", "s-gone", "--api", _api!.Address, "--key", "smk_a_b");
        Assert.Equal((0, "deleted s-gone\n", ""), (deleted.ExitCode, deleted.Out, deleted.Error));
        Assert.Contains(_api.Requests, r => r.Method == "DELETE" && r.Target == "/v1/samples/s-gone");

        var library = await CliProcess.RunAsync("libraries", "drums", "--delete", "--api", _api.Address, "--key", "smk_a_b");
        Assert.Equal((0, "deleted library drums: 12,345 samples\n"), (library.ExitCode, library.Out));

        var unknown = await CliProcess.RunAsync("samples", "delete", "s-unknown", "--api", _api.Address, "--key", "smk_a_b");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("There is no sample 's-unknown'.", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Libraries_are_listed_and_one_is_shown_with_its_counts()
    {
        var list = await CliProcess.RunAsync("libraries", "--api", _api!.Address, "--key", "smk_a_b");
        var one = await CliProcess.RunAsync("libraries", "drums", "--api", _api.Address, "--key", "smk_a_b");

        Assert.Equal((0, ""), (list.ExitCode, list.Error));
        Assert.Matches(@"(?m)^[│|] drums +[│|] +12,345 [│|] 01:02:05 [│|]$", list.Out);
        Assert.Equal((0, ""), (one.ExitCode, one.Error));
        Assert.Matches(@"(?m)^duplicates +1 *$", one.Out);
        Assert.Matches(@"(?m)^bpm +90 to 128\.5 *$", one.Out);
        Assert.Matches(@"(?m)^loudness \(LUFS\) +- *$", one.Out);
        Assert.Matches(@"(?m)^[│|] F minor [│|] 4A +[│|] 2 +[│|]$", one.Out);
        Assert.Matches(@"(?m)^[│|] clipping [│|] 2 +[│|]$", one.Out);
        Assert.DoesNotContain("click", one.Out, StringComparison.Ordinal); // a defect no sample has is left out
        Assert.DoesNotContain("more keys", one.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_library_with_more_than_ten_keys_shows_the_ten_most_common_and_says_how_many_more_there_are()
    {
        var run = await CliProcess.RunAsync("libraries", "keyed", "--api", _api!.Address, "--key", "smk_a_b");

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.Equal(10, Regex.Matches(run.Out, @"(?m)^\| key\d+ ").Count);
        Assert.Matches(@"(?m)^\| key9 +\| c9 +\| 21 +\|$", run.Out);
        Assert.Matches(@"(?m)^\| no key +\| +\| 9 +\|$", run.Out);

        // The 13 others have 20 down to 8 samples.
        Assert.Contains("\n13 more keys (182 samples) not shown; --json lists every key.\n", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_without_a_field_the_cli_needs_is_said_in_a_line()
    {
        var run = await CliProcess.RunAsync("keys", "list", "--tenant", "odd", "--api", _api!.Address, "--key", "smk_a_b");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("The API's answer has no 'items' (a list); is --api (or SAMPLEMIND_API) a SampleMind API of this version?\n", run.Error);
    }

    [Fact]
    public async Task Search_json_prints_the_apis_answer_as_it_came()
    {
        var run = await CliProcess.RunAsync("search", "kick", "--json", "--api", _api!.Address, "--key", "smk_a_b");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(SearchAnswer + "\n", run.Out);
    }

    [Theory]
    [InlineData("/v1/jobs", "jobs")]
    [InlineData("/v1/jobs/job-7", "jobs", "job-7")]
    [InlineData("/v1/libraries", "libraries")]
    [InlineData("/v1/libraries/drums", "libraries", "drums")]
    [InlineData("/v1/tenants/admin/keys", "keys", "list")]
    [InlineData("/v1/libraries/drums/ingests", "ingest", "d", "--library", "drums", "--no-wait")]
    public async Task Json_prints_the_apis_answer_as_it_came_and_nothing_else(string path, params string[] args)
    {
        var run = await CliProcess.RunAsync([.. args, "--json", "--api", _api!.Address, "--key", "smk_a_b"]);

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.Equal(Answers[path] + "\n", run.Out);
    }

    [Theory]
    [InlineData("jobs")]
    [InlineData("libraries")]
    [InlineData("libraries", "drums")]
    [InlineData("keys", "list")]
    public async Task A_table_into_a_pipe_is_drawn_in_ascii(params string[] args)
    {
        var run = await CliProcess.RunAsync([.. args, "--api", _api!.Address, "--key", "smk_a_b"]);

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.Matches(@"(?m)^\+-+\+", run.Out);
        Assert.DoesNotMatch(@"[\u2500-\u257F]", run.Out); // box drawing: ─ │ ┌ ┼ ...
    }

    [Fact]
    public async Task A_table_into_a_pipe_has_no_ansi_codes_and_each_row_on_one_line()
    {
        var run = await CliProcess.RunAsync("jobs", "--api", _api!.Address, "--key", "smk_a_b");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches($@"(?m)^[│|] {LongJobId} [│|] drums +[│|] Running [│|]", run.Out);
        Assert.DoesNotContain('\u001b', run.Out);
    }
}
