using Microsoft.Extensions.DependencyInjection;
using SampleMind.Api.Tests.Hosting;
using SampleMind.Api.Uploads;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Uploads;

/// <summary>
/// What a killed host left of uploads it was receiving (a folder or a manifest with no job) is deleted when a host
/// starts, once nothing has been written to it for a while; a job's upload and an upload still arriving stay.
/// </summary>
public sealed class UploadSweeperTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_started_host_deletes_old_uploads_without_a_job_and_keeps_jobs_and_fresh_ones()
    {
        var uploads = Path.Combine(factory.Root, "data", "uploads", "admin");
        string jobFolder;
        using (var first = factory.WithWebHostBuilder(_ => { }))
        {
            using var client = factory.CreateAdminClient(first);
            var tone = Path.Combine(factory.Root, "sweep-tone.wav");
            WavWriter.Sine(tone, 440, 0.5);
            var form = new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(tone)), "files", "kit/tone.wav" } };
            var accepted = await client.PostAsync("/v1/libraries/swept/ingests?level=fast", form);
            Assert.Equal(202, (int)accepted.StatusCode);
            var jobId = (await ApiJson.ReadAsync(accepted))["jobId"]!.GetValue<string>();
            await ApiJson.WaitForJobAsync(client, jobId, TimeSpan.FromMinutes(1));
            jobFolder = Path.Combine(uploads, jobId);
        }

        var old = DateTime.UtcNow - UploadSweeper.OrphanAge - TimeSpan.FromMinutes(5);
        var cutOff = Path.Combine(uploads, "job-cut-off");
        var manifest = Path.Combine(uploads, "job-no-manifest-job.manifest");
        var arriving = Path.Combine(uploads, "job-still-arriving");
        Directory.CreateDirectory(Path.Combine(cutOff, "kit"));
        await File.WriteAllBytesAsync(Path.Combine(cutOff, "kit", "half.wav"), new byte[4096]);
        await File.WriteAllTextAsync(manifest, "kicks/a.wav\n");
        Directory.CreateDirectory(arriving);
        await File.WriteAllBytesAsync(Path.Combine(arriving, "part.wav"), new byte[4096]);
        foreach (var path in Directory.EnumerateFileSystemEntries(uploads, "*", SearchOption.AllDirectories)
                     .Where(p => !p.StartsWith(arriving, StringComparison.Ordinal)))
        {
            File.SetLastWriteTimeUtc(path, old);
        }

        using var second = factory.WithWebHostBuilder(_ => { });
        using var started = second.CreateClient();
        var deleted = await second.Services.GetRequiredService<UploadSweeper>().FirstPass.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(2, deleted);
        Assert.False(Directory.Exists(cutOff));
        Assert.False(File.Exists(manifest));
        Assert.True(File.Exists(Path.Combine(arriving, "part.wav")), "an upload written to a moment ago may still be arriving");
        Assert.True(File.Exists(Path.Combine(jobFolder, "kit", "tone.wav")), "a job's upload holds its samples' audio");
    }
}
