using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Cli;

/// <summary>
/// <c>samplemind export</c> as the built process against a fake API on loopback: <c>-o FILE</c> is replaced only by a
/// complete export (a refused or broken one leaves it, and no temporary file), a missing folder is a usage error and a file
/// that cannot be written a failure (exit 1),
/// and a job id goes into the URL as one escaped segment.
/// </summary>
public sealed class CliExportTests : IAsyncLifetime, IDisposable
{
    private const string Csv = "path,error\nkicks/a.wav,\n";

    private readonly string _folder = Directory.CreateTempSubdirectory("samplemind-cli-export-").FullName;
    private FakeApi? _api;

    private string Kept => Path.Combine(_folder, "keep.csv");

    public async Task InitializeAsync() => _api = await FakeApi.StartAsync(app =>
    {
        app.MapGet("/v1/jobs/job-done/results", () => Results.Text(Csv, "text/csv"));
        app.MapGet("/v1/jobs/job-slow/results", async (CancellationToken aborted) =>
        {
            await Task.Delay(Timeout.Infinite, aborted);
            return Results.Empty;
        });
        app.MapFallback(() => Results.Problem(title: "Not Found", detail: "There is no such job.", statusCode: 404));
    });

    public async Task DisposeAsync() => await _api!.DisposeAsync();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task An_export_the_api_refuses_leaves_the_file_as_it_was()
    {
        await File.WriteAllTextAsync(Kept, "kept");

        var run = await Export("job-nope", "-o", Kept);

        Assert.Equal((1, "HTTP 404: Not Found: There is no such job.\n"), (run.ExitCode, run.Error));
        Assert.Equal("kept", await File.ReadAllTextAsync(Kept));
        Assert.Equal([Kept], Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public async Task An_export_that_breaks_off_leaves_the_file_as_it_was()
    {
        await File.WriteAllTextAsync(Kept, "kept");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = BreakOffOneExportAsync(listener);

        var run = await CliProcess.RunAsync("export", "job-1", "-o", Kept, "--api", $"http://{listener.LocalEndpoint}", "--key", "smk_a_b");
        await server.WaitAsync(CliProcess.Deadline);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("The API's answer broke off: ", run.Error, StringComparison.Ordinal);
        Assert.Equal("kept", await File.ReadAllTextAsync(Kept));
        Assert.Equal([Kept], Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public async Task A_complete_export_replaces_the_file()
    {
        await File.WriteAllTextAsync(Kept, "kept");

        var run = await Export("job-done", "-o", Kept);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Csv, await File.ReadAllTextAsync(Kept));
        Assert.Equal([Kept], Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public async Task Stopping_an_export_that_waits_for_its_answer_exits_130_and_leaves_the_file_as_it_was()
    {
        await File.WriteAllTextAsync(Kept, "kept");
        using var cli = CliProcess.Start("export", "job-slow", "-o", Kept, "--api", _api!.Address, "--key", "smk_a_b");
        await Eventually.HoldsAsync(() => _api.Requests.Count == 1, CliProcess.Deadline, "the CLI to ask for the export");

        cli.Terminate();
        var run = await cli.ExitAsync();

        // Before, an OperationCanceledException's stack trace and exit code 134.
        Assert.Equal((130, "Interrupted.\n"), (run.ExitCode, run.Error));
        Assert.Equal("kept", await File.ReadAllTextAsync(Kept));
        Assert.Equal([Kept], Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public async Task An_output_in_a_missing_folder_or_that_is_a_folder_is_a_usage_error_before_any_request()
    {
        var missing = await Export("job-done", "-o", Path.Combine(_folder, "gone", "x.csv"));
        var folder = await Export("job-done", "-o", _folder);

        Assert.Equal((2, 2), (missing.ExitCode, folder.ExitCode));
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);
        Assert.Contains("is a folder", folder.Error, StringComparison.Ordinal);
        Assert.Empty(_api!.Requests);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public async Task An_output_that_cannot_be_written_exits_1_saying_so()
    {
        // No file can be created in /proc, even by root (whom a read-only folder does not stop).
        var run = await Export("job-done", "-o", "/proc/samplemind-export.csv");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("-o '/proc/samplemind-export.csv' cannot be written: ", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists("/proc/samplemind-export.csv"));
    }

    [Theory]
    [InlineData("JOB?format=json&a=", "/v1/jobs/JOB%3Fformat%3Djson%26a%3D/results?format=csv")]
    [InlineData("JOB/../x", "/v1/jobs/JOB%2F..%2Fx/results?format=csv")]
    [InlineData("job #1", "/v1/jobs/job%20%231/results?format=csv")]
    public async Task A_job_id_is_one_escaped_segment_of_the_url(string job, string target)
    {
        var run = await Export(job);

        Assert.Equal(1, run.ExitCode);
        var request = Assert.Single(_api!.Requests);
        Assert.Equal(("GET", target), (request.Method, request.Target));
    }

    /// <summary>
    /// Answers one request with an export's headers (1000 bytes to come) and its first bytes, then ends the connection
    /// (a clean close, after the whole request is read, so that the client gets every byte sent).
    /// </summary>
    private static async Task BreakOffOneExportAsync(TcpListener listener)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var request = new StringBuilder();
        var buffer = new byte[4096];
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            Assert.NotEqual(0, read);
            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nContent-Length: 1000\r\n\r\npath,error\nkicks/a"u8.ToArray());
        client.Client.Shutdown(SocketShutdown.Send);
        while (await stream.ReadAsync(buffer) > 0)
        {
        }
    }

    private Task<CliRun> Export(string job, params string[] args) =>
        CliProcess.RunAsync(["export", job, .. args, "--api", _api!.Address, "--key", "smk_a_b"]);
}
