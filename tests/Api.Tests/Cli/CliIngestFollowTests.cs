using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Cli;

/// <summary>
/// <c>samplemind ingest</c> as the built process against a fake API on loopback: how it follows a job (paused, failed,
/// cancelled, interrupted), the exit code and summary it ends with, what it sends, and what it writes into a pipe.
/// </summary>
public sealed class CliIngestFollowTests : IAsyncLifetime
{
    /// <summary>A failure reason longer than a terminal line.</summary>
    private static readonly string LongReason = string.Concat(Enumerable.Repeat("the decoder found no audio frame in it; ", 6)).Trim();

    private readonly Dictionary<string, int> _polls = [];
    private FakeApi? _api;

    public async Task InitializeAsync() => _api = await FakeApi.StartAsync(app =>
    {
        app.MapPost("/v1/libraries/{library}/ingests", (string library) => FakeApi.Json($$"""{"jobId":"job-{{library}}"}"""));
        app.MapGet("/v1/jobs/{id}", (string id) => FakeApi.Json(Status(id, Poll(id)).ToJsonString()));
    });

    public async Task DisposeAsync() => await _api!.DisposeAsync();

    [Fact]
    public async Task A_job_with_failed_files_exits_3_after_a_summary_rounded_and_unwrapped()
    {
        var run = await Ingest("failing");

        Assert.Equal(3, run.ExitCode);
        Assert.Matches(@"(?m)^filesPerSecond +45\.5 *$", run.Out);
        Assert.Matches(@"(?m)^audioSeconds +65\.2 *$", run.Out);
        Assert.Contains($"failed kicks/bad.wav: {LongReason}\n", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', run.Out);
    }

    [Fact]
    public async Task A_cancelled_job_exits_3_after_its_summary()
    {
        var run = await Ingest("cancelled");

        // Followed until the files in flight at the cancel are recorded: the summary has the final counts.
        Assert.Equal(3, run.ExitCode);
        Assert.Matches(@"(?m)^state +Cancelled *$", run.Out);
        Assert.Matches(@"(?m)^succeeded +8 *$", run.Out);
        Assert.True(Polled("job-cancelled") > 2, "the CLI asked again after the cancelled status with files in flight");
    }

    [Fact]
    public async Task A_paused_job_is_said_to_be_paused_and_followed_until_it_ends()
    {
        var run = await Ingest("paused");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("job job-paused is paused; following it until it is resumed (Ctrl-C stops following and leaves the job paused)\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("job job-paused resumed\n", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^state +Completed *$", run.Out);
    }

    [Fact]
    public async Task Stopping_the_cli_while_it_follows_a_paused_job_leaves_the_job_alone()
    {
        using var cli = CliProcess.Start("ingest", "d", "--library", "stuck", "--api", _api!.Address, "--key", "smk_a_b");
        await Eventually.HoldsAsync(() => cli.Out.Contains("is paused", StringComparison.Ordinal), CliProcess.Deadline, "the CLI to say the job is paused");

        cli.Terminate();
        var run = await cli.ExitAsync();

        Assert.Equal(130, run.ExitCode);
        Assert.Contains("Stopped following job job-stuck; the job is left as it is", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Error, StringComparison.Ordinal);
        Assert.All(_api.Requests.Skip(1), r => Assert.Equal(("GET", "/v1/jobs/job-stuck"), (r.Method, r.Target)));
    }

    [Fact]
    public async Task Losing_the_api_while_following_a_job_names_the_job_and_how_to_follow_it_again()
    {
        var polled = false;
        var api = await FakeApi.StartAsync(app =>
        {
            app.MapPost("/v1/libraries/{library}/ingests", () => FakeApi.Json("""{"jobId":"job-lost"}"""));
            app.MapGet("/v1/jobs/job-lost", () =>
            {
                Volatile.Write(ref polled, true);
                return FakeApi.Json(Status("job-running", 1).ToJsonString());
            });
        });
        using var cli = CliProcess.Start("ingest", "d", "--library", "lost", "--api", api.Address, "--key", "smk_a_b");
        try
        {
            await Eventually.HoldsAsync(() => Volatile.Read(ref polled), CliProcess.Deadline, "the CLI to poll the job");
        }
        finally
        {
            await api.DisposeAsync();
        }

        // It tries again for about 31 s (1, 2, 4, 8, 16 s between tries), then gives up with exit code 1.
        var run = await cli.ExitAsync();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Cannot reach the API: ", run.Error, StringComparison.Ordinal);
        Assert.EndsWith(
            "Stopped following job job-lost; the job goes on on the server (see it with: samplemind jobs job-lost).\n", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_label_takes_one_value_and_no_wait_prints_the_job_id_alone()
    {
        var run = await CliProcess.RunAsync(
            "ingest", "--label", "drums", "lib/arp", "--label", "808", "--library", "labelled", "--no-wait", "--api", _api!.Address, "--key", "smk_a_b");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(("job-labelled\n", ""), (run.Out, run.Error)); // J=$(samplemind ingest ... --no-wait) is the id
        var body = JsonNode.Parse(Assert.Single(_api.Requests).Body)!;
        Assert.Equal(["drums", "808"], body["labels"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.EndsWith("/lib/arp", body["source"]!["path"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private Task<CliRun> Ingest(string library) =>
        CliProcess.RunAsync("ingest", "d", "--library", library, "--api", _api!.Address, "--key", "smk_a_b");

    private int Polled(string id)
    {
        lock (_polls)
        {
            return _polls.GetValueOrDefault(id);
        }
    }

    private int Poll(string id)
    {
        lock (_polls)
        {
            return _polls[id] = _polls.GetValueOrDefault(id) + 1;
        }
    }

    /// <summary>The status of job <paramref name="id"/> at its <paramref name="poll"/>th poll ("job-paused": paused twice, then done).</summary>
    private static JsonObject Status(string id, int poll)
    {
        var (state, failed, inFlight) = id switch
        {
            "job-failing" => ("Completed", 1, 0),
            "job-cancelled" when poll <= 2 => ("Cancelled", 0, 2),
            "job-cancelled" => ("Cancelled", 0, 0),
            "job-paused" when poll <= 2 => ("Paused", 0, 0),
            "job-stuck" => ("Paused", 0, 0),
            "job-running" => ("Running", 0, 0),
            _ => ("Completed", 0, 0),
        };
        var failures = new JsonArray();
        if (failed > 0)
        {
            failures.Add(new JsonObject { ["path"] = "kicks/bad.wav", ["reason"] = LongReason });
        }

        return new JsonObject
        {
            ["jobId"] = id,
            ["libraryId"] = id["job-".Length..],
            ["state"] = state,
            ["listed"] = 10,
            ["succeeded"] = state == "Paused" ? 3 : state == "Cancelled" ? 8 - inFlight : 10 - failed,
            ["inFlight"] = inFlight,
            ["duplicates"] = 0,
            ["failed"] = failed,
            ["filesPerSecond"] = 45.507778025293675,
            ["audioSeconds"] = 65.15899999999999,
            ["recentFailures"] = failures,
        };
    }
}
