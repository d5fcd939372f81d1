using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SampleMind.Api.Tests.Cli;

/// <summary>
/// The CLI's wait for an answer's headers is bounded (<c>--timeout</c>, <c>SAMPLEMIND_TIMEOUT</c>): a server that
/// takes the connection and never answers ends the command with exit code 1, and an answer whose headers came in time
/// is read to its end however long its body takes.
/// </summary>
public sealed class CliAnswerTimeoutTests : IDisposable
{
    private readonly TcpListener _silent = new(IPAddress.Loopback, 0);

    public CliAnswerTimeoutTests() => _silent.Start(); // the kernel takes connections into the backlog; nothing answers

    private string Silent => $"http://{_silent.LocalEndpoint}";

    public void Dispose() => _silent.Dispose();

    [Theory]
    [InlineData("jobs")]
    [InlineData("jobs", "job-1")]
    [InlineData("jobs", "job-1", "--pause")]
    [InlineData("export", "job-1")]
    [InlineData("search", "kick")]
    [InlineData("libraries", "drums", "--delete")]
    [InlineData("ingest", "/srv/samples")]
    public async Task A_server_that_never_answers_ends_the_command_after_the_timeout(params string[] command)
    {
        var run = await CliProcess.RunAsync([.. command, "--timeout", "1", "--api", Silent, "--key", "smk_a_b"]);

        Assert.Equal((1, "The API did not answer within 1 s.\n"), (run.ExitCode, run.Error));
    }

    [Fact]
    public async Task SAMPLEMIND_TIMEOUT_sets_the_timeout()
    {
        var run = await CliProcess.RunAsync(
            new Dictionary<string, string> { ["SAMPLEMIND_TIMEOUT"] = "2" }, "jobs", "--api", Silent, "--key", "smk_a_b");

        Assert.Equal((1, "The API did not answer within 2 s.\n"), (run.ExitCode, run.Error));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("abc")]
    public async Task A_timeout_that_is_not_a_whole_number_of_seconds_is_a_usage_error(string timeout)
    {
        var run = await CliProcess.RunAsync("jobs", "--timeout", timeout, "--api", Silent, "--key", "smk_a_b");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"--timeout must be a whole number of seconds from 1 to 86400; it is '{timeout}'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_export_whose_headers_came_in_time_is_not_cut_however_long_its_body_takes()
    {
        await using var api = await FakeApi.StartAsync(app => app.MapGet("/v1/jobs/job-1/results", async (HttpResponse response, CancellationToken aborted) =>
        {
            response.ContentType = "text/csv";
            await response.WriteAsync("path,error\n", aborted);
            await response.Body.FlushAsync(aborted);
            await Task.Delay(TimeSpan.FromSeconds(3), aborted);
            await response.WriteAsync("kicks/a.wav,\n", aborted);
        }));

        var run = await CliProcess.RunAsync("export", "job-1", "--timeout", "1", "--api", api.Address, "--key", "smk_a_b");

        Assert.Equal((0, "path,error\nkicks/a.wav,\n", ""), (run.ExitCode, run.Out, run.Error));
    }
}
