using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SampleMind.Api.Tests.Cli;

/// <summary>
/// The key a run of the CLI sends, as the API sees it: an empty <c>SAMPLEMIND_API_KEY</c> counts as unset, and a 401
/// to a request that carried no key says how to give one.
/// </summary>
public sealed class CliKeyTests : IAsyncLifetime, IDisposable
{
    private const string Key = "smk_0123456789abcdef_secret";
    private const string Csv = "path,error\nkicks/a.wav,\n";

    private readonly string _keyFile = Path.GetTempFileName();
    private FakeApi? _api;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(_keyFile, Key + "\n");
        _api = await FakeApi.StartAsync(app => app.MapGet("/v1/jobs/job-1/results", (HttpRequest request) =>
            request.Headers.Authorization == $"Bearer {Key}"
                ? Results.Text(Csv, "text/csv")
                : Results.Problem(title: "Unauthorized", detail: "A valid API key is required.", statusCode: 401)));
    }

    public async Task DisposeAsync() => await _api!.DisposeAsync();

    public void Dispose() => File.Delete(_keyFile);

    [Fact]
    public async Task An_empty_SAMPLEMIND_API_KEY_counts_as_unset_and_the_key_file_is_read()
    {
        var run = await CliProcess.RunAsync(
            new Dictionary<string, string> { ["SAMPLEMIND_API_KEY"] = "" },
            "export", "job-1", "--key-file", _keyFile, "--api", _api!.Address);

        // Before, the empty variable won over --key-file and no key went: a 401.
        Assert.Equal((0, Csv, ""), (run.ExitCode, run.Out, run.Error));
    }

    [Fact]
    public async Task A_401_to_a_request_without_a_key_says_how_to_give_one()
    {
        // The working folder (the temporary folder) has no data/admin.key.
        var run = await CliProcess.RunAsync("export", "job-1", "--api", _api!.Address);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("HTTP 401: Unauthorized: A valid API key is required.", run.Error, StringComparison.Ordinal);
        Assert.Contains("no API key was sent", run.Error, StringComparison.Ordinal);
        Assert.Contains("--key", run.Error, StringComparison.Ordinal);
        Assert.Contains("--key-file", run.Error, StringComparison.Ordinal);
        Assert.Contains("SAMPLEMIND_API_KEY", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task A_401_to_a_request_with_a_key_has_no_hint()
    {
        var run = await CliProcess.RunAsync("export", "job-1", "--key", "smk_other_key", "--api", _api!.Address);

        Assert.Equal((1, "HTTP 401: Unauthorized: A valid API key is required.\n"), (run.ExitCode, run.Error));
    }
}
