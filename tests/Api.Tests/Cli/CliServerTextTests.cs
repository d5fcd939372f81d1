using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SampleMind.Api.Tests.Cli;

/// <summary>
/// Text the API sends (file names, failure reasons, ids, key names, problem details), printed by the built CLI: brackets
/// are shown as they are, never read as Spectre.Console markup (a <c>[</c> or <c>]</c> crashed the CLI with exit code 134,
/// a <c>[red]</c> vanished), and control characters and bidirectional overrides are shown as their codes
/// (<c>\x1B</c>, <c>\u202E</c>), so that a file's name cannot clear the screen or reorder a line.
/// </summary>
public sealed class CliServerTextTests : IAsyncLifetime
{
    private static readonly string[] OddNames = ["Snare [old].wav", "]", "[red]x", "\u001b[2J", "[/]", "a\u202Egnp.exe", "bell\u0007\r\nnext", "csi\u009b31m"];

    /// <summary>How the CLI shows each of <see cref="OddNames"/>.</summary>
    private static readonly string[] Shown = ["Snare [old].wav", "]", "[red]x", @"\x1B[2J", "[/]", @"a\u202Egnp.exe", @"bell\x07\x0D\x0Anext", @"csi\x9B31m"];

    private FakeApi? _api;

    public async Task InitializeAsync() => _api = await FakeApi.StartAsync(app =>
    {
        app.MapGet("/v1/jobs/job-odd", () => FakeApi.Json(Status("job-odd").ToJsonString()));
        app.MapGet("/v1/jobs/job-[1]", () => FakeApi.Json(Status("job-[1]").ToJsonString()));
        app.MapPost("/v1/libraries/odd/ingests", () => FakeApi.Json("""{"jobId":"job-[1]"}"""));
        app.MapGet("/v1/jobs", () => FakeApi.Json(Items(OddNames.Select(n => new JsonObject
        {
            ["jobId"] = n, ["libraryId"] = n, ["state"] = "Running", ["succeeded"] = 1, ["failed"] = 0, ["listed"] = 2,
        }))));
        app.MapGet("/v1/tenants/admin/keys", () => FakeApi.Json(Items(OddNames.Select(n => new JsonObject
        {
            ["keyId"] = n, ["name"] = n, ["scopes"] = n, ["createdAt"] = n, ["revokedAt"] = null,
        }))));
        app.MapGet("/v1/libraries", () => FakeApi.Json(Items(OddNames.Select(n => new JsonObject
        {
            ["libraryId"] = n, ["samples"] = 1, ["audioSeconds"] = 1.0,
        }))));
        app.MapGet("/v1/libraries/odd", () => FakeApi.Json(new JsonObject
        {
            ["libraryId"] = "[odd]", ["samples"] = 3, ["duplicates"] = 0, ["audioSeconds"] = 1.0, ["bpm"] = null, ["loudness"] = null,
            ["types"] = new JsonObject(OddNames.Select(n => KeyValuePair.Create(n, (JsonNode?)"[1]"))),
            ["keys"] = new JsonArray([.. OddNames.Select(n => (JsonNode?)new JsonObject { ["key"] = n, ["camelot"] = n, ["samples"] = "[2]" })]),
            ["withoutKey"] = "[3]",
            ["defects"] = new JsonObject(OddNames.Select(n => KeyValuePair.Create(n, (JsonNode?)4))),
        }.ToJsonString()));
        app.MapPost("/v1/search", () => FakeApi.Json(new JsonObject
        {
            ["hits"] = new JsonArray([.. OddNames.Select(n => (JsonNode?)new JsonObject
            {
                ["sampleId"] = n, ["path"] = n, ["libraryId"] = n, ["score"] = 0.5, ["explanation"] = n,
            })]),
        }.ToJsonString()));
        app.MapDelete("/v1/samples/s-1", () => Results.Problem(title: "Not [Found]", detail: "There is no sample '\u001b[2Js-1\u202E'.", statusCode: 404));
    });

    public async Task DisposeAsync() => await _api!.DisposeAsync();

    [Fact]
    public async Task A_jobs_failures_are_printed_as_they_are_named_with_control_characters_as_codes()
    {
        var run = await Cli("jobs", "job-odd");

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.All(Shown, name => Assert.Contains($"failed {name}: {name} broke\n", run.Out, StringComparison.Ordinal));
        Assert.Matches(@"(?m)^jobId +job-odd *$", run.Out);
        AssertNoControls(run.Out);
    }

    [Fact]
    public async Task A_followed_ingest_shows_its_jobs_odd_id_and_failures_as_they_are()
    {
        var run = await Cli("ingest", "/srv/d", "--library", "odd");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("job job-[1] started\n", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^jobId +job-\[1\] *$", run.Out);
        Assert.All(Shown, name => Assert.Contains($"failed {name}: {name} broke\n", run.Out, StringComparison.Ordinal));
        AssertNoControls(run.Out);
    }

    [Theory]
    [InlineData("jobs")]
    [InlineData("keys", "list")]
    [InlineData("libraries")]
    [InlineData("search", "kick")]
    public async Task A_table_shows_the_apis_text_as_it_is(params string[] args)
    {
        var run = await Cli(args);

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.All(Shown.Where(s => !s.Contains('\\', StringComparison.Ordinal)), name => Assert.Matches($@"(?m)^\| (?:\d+ +\| )?{System.Text.RegularExpressions.Regex.Escape(name)} +\|", run.Out));
        Assert.Contains(@"| \x1B[2J ", run.Out, StringComparison.Ordinal);
        Assert.Contains(@"| a\u202Egnp.exe ", run.Out, StringComparison.Ordinal);
        AssertNoControls(run.Out);
    }

    [Fact]
    public async Task A_librarys_types_keys_and_defects_are_shown_as_they_are()
    {
        var run = await Cli("libraries", "odd");

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.Matches(@"(?m)^library +\[odd\] *$", run.Out);
        Assert.Matches(@"(?m)^\| \[red\]x +\| \[1\] +\|$", run.Out);
        Assert.Matches(@"(?m)^\| \[/\] +\| \[/\] +\| \[2\] +\|$", run.Out);
        Assert.Matches(@"(?m)^\| no key +\| +\| \[3\] +\|$", run.Out);
        Assert.Matches(@"(?m)^\| Snare \[old\]\.wav +\| 4 +\|$", run.Out);
        AssertNoControls(run.Out);
    }

    [Fact]
    public async Task A_problems_text_is_shown_with_control_characters_as_codes()
    {
        var run = await Cli("samples", "delete", "s-1");

        Assert.Equal((1, "HTTP 404: Not [Found]: There is no sample '\\x1B[2Js-1\\u202E'.\n"), (run.ExitCode, run.Error));
    }

    private Task<CliRun> Cli(params string[] args) => CliProcess.RunAsync([.. args, "--api", _api!.Address, "--key", "smk_a_b"]);

    private static void AssertNoControls(string output) =>
        Assert.DoesNotMatch(@"[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]", output);

    private static string Items(IEnumerable<JsonObject> items) => new JsonObject { ["items"] = new JsonArray([.. items]) }.ToJsonString();

    private static JsonObject Status(string id) => new()
    {
        ["jobId"] = id, ["libraryId"] = "odd", ["state"] = "Completed", ["listed"] = 10, ["succeeded"] = 2, ["inFlight"] = 0,
        ["duplicates"] = 0, ["failed"] = OddNames.Length, ["filesPerSecond"] = 1.0, ["audioSeconds"] = 2.0,
        ["recentFailures"] = new JsonArray([.. OddNames.Select(n => (JsonNode?)new JsonObject { ["path"] = n, ["reason"] = n + " broke" })]),
    };
}
