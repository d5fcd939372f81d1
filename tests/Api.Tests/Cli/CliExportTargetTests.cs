using System.Diagnostics;
using System.Runtime.Versioning;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SampleMind.Api.Tests.Cli;

/// <summary>
/// What <c>samplemind export -o PATH</c> does with what is at PATH: a symbolic link is followed (the file it names is
/// replaced, the link stays), a FIFO or a device is written to as it is, never replaced by a file, and a regular file
/// keeps its permissions.
/// </summary>
public sealed class CliExportTargetTests : IAsyncLifetime, IDisposable
{
    private const string Csv = "path,error\nkicks/a.wav,\n";

    private readonly string _folder = Directory.CreateTempSubdirectory("samplemind-cli-export-target-").FullName;
    private FakeApi? _api;

    public async Task InitializeAsync() => _api = await FakeApi.StartAsync(app =>
        app.MapGet("/v1/jobs/job-done/results", () => Results.Text(Csv, "text/csv")));

    public async Task DisposeAsync() => await _api!.DisposeAsync();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_symbolic_link_is_followed_and_the_file_it_names_replaced()
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(_folder, "elsewhere")).FullName;
        var target = Path.Combine(elsewhere, "results.csv");
        await File.WriteAllTextAsync(target, "kept");
        var link = Path.Combine(_folder, "link.csv");
        File.CreateSymbolicLink(link, Path.Combine("elsewhere", "results.csv"));

        var run = await Export(link);

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.Equal(Path.Combine("elsewhere", "results.csv"), new FileInfo(link).LinkTarget);
        Assert.Equal(Csv, await File.ReadAllTextAsync(target));
        Assert.Equal([target], Directory.GetFileSystemEntries(elsewhere));
        Assert.Equal([elsewhere, link], Directory.GetFileSystemEntries(_folder).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_fifo_is_written_to_and_stays_a_fifo()
    {
        var fifo = Path.Combine(_folder, "results.pipe");
        Assert.Equal("", await ToolAsync("mkfifo", fifo));
        using var reader = Process.Start(new ProcessStartInfo("cat", [fifo]) { RedirectStandardOutput = true })!;
        try
        {
            var read = reader.StandardOutput.ReadToEndAsync();

            var run = await Export(fifo);

            Assert.Equal((0, ""), (run.ExitCode, run.Error));
            Assert.Equal("fifo\n", await ToolAsync("stat", "-c", "%F", fifo));
            Assert.Equal(Csv, await read.WaitAsync(CliProcess.Deadline));
            Assert.Equal([fifo], Directory.GetFileSystemEntries(_folder));
        }
        finally
        {
            if (!reader.HasExited)
            {
                reader.Kill();
            }
        }
    }

    [Fact]
    public async Task Dev_null_is_written_to_and_stays_a_device()
    {
        var run = await Export("/dev/null");

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.Equal("character special file\n", await ToolAsync("stat", "-c", "%F", "/dev/null"));
    }

    [Fact]
    public async Task Dev_stdout_is_the_standard_output()
    {
        var run = await Export("/dev/stdout");

        Assert.Equal((0, Csv, ""), (run.ExitCode, run.Out, run.Error));
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.GroupRead)]
    [UnsupportedOSPlatform("windows")]
    public async Task A_replaced_file_keeps_its_permissions(UnixFileMode mode)
    {
        var file = Path.Combine(_folder, "results.csv");
        await File.WriteAllTextAsync(file, "kept");
        File.SetUnixFileMode(file, mode);

        var run = await Export(file);

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.Equal(Csv, await File.ReadAllTextAsync(file));
        Assert.Equal(mode, File.GetUnixFileMode(file));
        Assert.Equal([file], Directory.GetFileSystemEntries(_folder));
    }

    /// <summary>Runs a tool of the system and returns its standard output; fails the test when it fails.</summary>
    private static async Task<string> ToolAsync(string tool, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)} failed: {error}");
        return await output;
    }

    private Task<CliRun> Export(string output) =>
        CliProcess.RunAsync("export", "job-done", "-o", output, "--api", _api!.Address, "--key", "smk_a_b");
}
