extern alias cli;

using System.Text.Json.Nodes;
using cli::SampleMind.Cli;
using cli::SampleMind.Cli.Commands;
using SampleMind.Api.Tests.Hosting;
using SampleMind.Grains.Ingest;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Cli;

/// <summary>
/// <c>samplemind ingest DIR --upload</c> against a real API host: a folder of this machine, outside every ingest root,
/// sent as one streamed tar; only its sample files go, under their paths in the folder, with the options in the query.
/// </summary>
public sealed class CliIngestUploadTests(ApiFactory factory) : IClassFixture<ApiFactory>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("samplemind-cli-upload-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_local_folders_samples_are_uploaded_and_ingested_under_their_paths()
    {
        WavWriter.Sine(Path.Combine(_folder, "kicks", "kick one.wav"), 55, 0.8);
        WavWriter.Sine(Path.Combine(_folder, "kicks", "deep", "kick-2.WAV"), 60, 0.8);
        WavWriter.Sine(Path.Combine(_folder, "pad.wav"), 330, 1.5);

        // Names a tar header cannot hold as they are: a newline (which .NET's reader refuses in a PAX record) and a
        // long name of two-byte characters.
        var longName = new string('\u00e4', 120) + ".wav";
        WavWriter.Sine(Path.Combine(_folder, "kicks", "line\nbreak.wav"), 70, 0.8);
        WavWriter.Sine(Path.Combine(_folder, longName), 440, 0.8);
        await File.WriteAllTextAsync(Path.Combine(_folder, "kicks", "notes.txt"), "not a sample");
        string[] sent = ["kicks/kick one.wav", "kicks/deep/kick-2.WAV", "pad.wav", "kicks/line\nbreak.wav", longName];
        var total = sent.Sum(f => new FileInfo(Path.Combine(_folder, f)).Length);
        var progress = new List<(long Sent, long Total)>();
        using var api = new ApiClient(factory.CreateAdminClient());

        var job = JsonNode.Parse(await IngestCommand.UploadAsync(api, "cli-upload", _folder, "fast", 7, ["mine", "cli"], (sent, all) => progress.Add((sent, all)), CancellationToken.None))!;

        using var http = factory.CreateAdminClient();
        var status = await ApiJson.WaitForJobAsync(http, job["jobId"]!.GetValue<string>(), TimeSpan.FromSeconds(60));
        Assert.Equal(5, status["succeeded"]!.GetValue<long>());
        Assert.Equal(0, status["failed"]!.GetValue<long>());
        var rows = (await http.GetStringAsync($"/v1/jobs/{job["jobId"]}/results?format=json"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonNode.Parse(line)!)
            .ToList();
        Assert.Equal(sent.Order(StringComparer.Ordinal), rows.Select(r => r["path"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(["cli", "mine"], r["sample"]!["labels"]!.AsArray().Select(l => l!.GetValue<string>()).Order(StringComparer.Ordinal)));
        Assert.Equal(5, progress.Count);
        Assert.All(progress, p => Assert.Equal(total, p.Total));
        Assert.Equal(total, progress[^1].Sent);
    }

    [Fact]
    public async Task A_file_gone_while_the_upload_is_sent_stops_it_naming_the_file_and_nothing_is_kept()
    {
        WavWriter.Sine(Path.Combine(_folder, "a.wav"), 220, 0.5);
        WavWriter.Sine(Path.Combine(_folder, "b.wav"), 330, 0.5);
        using var api = new ApiClient(factory.CreateAdminClient());
        var uploads = Path.Combine(factory.Root, "data", "uploads", "admin");
        var before = Directory.Exists(uploads) ? Directory.GetFileSystemEntries(uploads).Length : 0;

        // Once a.wav is sent, b.wav (listed when the upload began) disappears.
        var error = await Assert.ThrowsAsync<UploadBrokeOffException>(() => IngestCommand.UploadAsync(api, "cli-gone", _folder, "fast", 5, [],
            (sent, _) => File.Delete(Path.Combine(_folder, "b.wav")), CancellationToken.None));

        Assert.Contains("b.wav' could not be read", error.Message, StringComparison.Ordinal);
        await Eventually.HoldsAsync(() => (Directory.Exists(uploads) ? Directory.GetFileSystemEntries(uploads).Length : 0) == before,
            TimeSpan.FromSeconds(10), "the broken upload's files to be deleted");
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task A_fifo_or_device_with_a_samples_name_is_left_out_and_named_and_the_upload_goes_through()
    {
        WavWriter.Sine(Path.Combine(_folder, "kit", "a.wav"), 220, 0.5);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", Path.Combine(_folder, "kit", "fifo.wav")))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        using var api = new ApiClient(factory.CreateAdminClient());

        // Before, the FIFO was listed and the upload hung in its open().
        using var upload = FolderUpload.Of(_folder);
        var job = JsonNode.Parse(await IngestCommand.UploadAsync(api, "cli-fifo", _folder, "fast", 5, [], null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60)))!;

        Assert.Equal(["kit/a.wav"], upload.Files.Select(f => f.Name));
        Assert.Equal(["kit/fifo.wav"], upload.LeftOut);
        Assert.Equal(
            "Left out 1 file that is not a regular file (a FIFO, a device or a socket, which cannot be read as a sample): 'kit/fifo.wav'",
            IngestCommand.LeftOutLine(upload.LeftOut));
        using var http = factory.CreateAdminClient();
        var status = await ApiJson.WaitForJobAsync(http, job["jobId"]!.GetValue<string>(), TimeSpan.FromSeconds(60));
        Assert.Equal(1, status["succeeded"]!.GetValue<long>());
        Assert.Equal(0, status["failed"]!.GetValue<long>());
    }

    [Fact]
    public void The_cli_sends_the_extensions_the_server_ingests_by_default() =>
        Assert.Equal(new IngestOptions().Extensions, FolderUpload.SampleExtensions);

    [Fact]
    public async Task A_folder_without_samples_or_that_is_not_there_is_a_usage_error()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "readme.txt"), "nothing to ingest");
        using var api = new ApiClient(factory.CreateAdminClient());

        var empty = await Assert.ThrowsAsync<UsageException>(() => IngestCommand.UploadAsync(api, "cli-upload", _folder, "fast", 5, [], null, CancellationToken.None));
        var missing = await Assert.ThrowsAsync<UsageException>(() => IngestCommand.UploadAsync(api, "cli-upload", Path.Combine(_folder, "gone"), "fast", 5, [], null, CancellationToken.None));

        Assert.Contains("holds no sample files", empty.Message, StringComparison.Ordinal);
        Assert.Contains("is not a folder", missing.Message, StringComparison.Ordinal);
    }
}
