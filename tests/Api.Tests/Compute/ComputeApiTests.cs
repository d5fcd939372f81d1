using System.Net.Http.Json;
using System.Text;
using SampleMind.Api.Compute;
using SampleMind.Api.Errors;
using SampleMind.Api.Tests.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SampleMind.Audio;
using SampleMind.GpuWorker.Hosting;
using SampleMind.Grains.Abstractions.Compute;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Runtime;
using SampleMind.Scheduling;
using SampleMind.Scheduling.Processing;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Compute;

public sealed class ComputeApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_separation_writes_two_dsp_hpss_stems_that_sum_to_the_mixture()
    {
        var client = factory.CreateAdminClient();
        var sampleId = await ComputeFixtures.IngestMixtureAsync(client, factory.IngestRoot, "separation");

        var accepted = await client.PostAsJsonAsync($"/v1/samples/{sampleId}/separate", new { stems = 2, target = "hpss" });
        Assert.Equal(202, (int)accepted.StatusCode);
        Assert.NotNull(accepted.Headers.Location);
        var status = await ComputeFixtures.WaitForDoneAsync(client, accepted.Headers.Location!.ToString(), s_timeout);

        Assert.Equal("dsp-hpss", status["method"]!.GetValue<string>());
        var names = status["files"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(2, names.Count);
        var mixture = new AudioDecoder().Decode(ComputeFixtures.MixturePath(factory.IngestRoot, "separation"));
        var sum = new float[mixture.Samples.Length];
        foreach (var name in names)
        {
            var stem = await ComputeFixtures.DownloadAsync(client, $"{accepted.Headers.Location}/files/{name}", factory.Root);
            Assert.Equal(mixture.Samples.Length, stem.Samples.Length);
            var span = stem.Samples.Span;
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += span[i];
            }
        }

        var residual = ComputeFixtures.Rms(sum, mixture.Samples.Span) / ComputeFixtures.Rms(mixture.Samples.Span, new float[sum.Length]);
        Assert.True(residual < 0.1, $"the stems sum to the mixture within 10% RMS (residual {residual:F3})");
    }

    [Fact]
    public async Task A_high_quality_flac_separation_gives_flac_stems_that_sum_to_the_mixture()
    {
        var client = factory.CreateAdminClient();
        var sampleId = await ComputeFixtures.IngestMixtureAsync(client, factory.IngestRoot, "flac");

        var accepted = await client.PostAsJsonAsync($"/v1/samples/{sampleId}/separate", new { stems = 2, quality = "high", format = "flac" });
        Assert.Equal(202, (int)accepted.StatusCode);
        var status = await ComputeFixtures.WaitForDoneAsync(client, accepted.Headers.Location!.ToString(), s_timeout);

        Assert.Equal(1.0, status["progress"]!.GetValue<double>());
        Assert.Equal(1, status["attempts"]!.GetValue<int>());
        Assert.Equal("high", status["request"]!["quality"]!.GetValue<string>());
        var names = status["files"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["harmonic.flac", "percussive.flac"], names);
        var response = await client.GetAsync($"{accepted.Headers.Location}/files/harmonic.flac");
        Assert.Equal("audio/flac", response.Content.Headers.ContentType?.MediaType);
        var flac = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("fLaC"u8.ToArray(), flac[..4]);

        // As a sample's audio: HEAD, validators, and a range past the end is a 416 problem (it was an empty 416).
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"{accepted.Headers.Location}/files/harmonic.flac"));
        Assert.Equal((200, (long?)flac.Length), ((int)head.StatusCode, head.Content.Headers.ContentLength));
        Assert.NotNull(head.Headers.ETag);
        var beyond = new HttpRequestMessage(HttpMethod.Get, $"{accepted.Headers.Location}/files/harmonic.flac");
        beyond.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(flac.Length + 10, null);
        var refused = await client.SendAsync(beyond);
        await ApiJson.AssertProblemAsync(refused, 416);
        Assert.Equal($"bytes */{flac.Length}", refused.Content.Headers.ContentRange?.ToString());
        var mixture = new AudioDecoder().Decode(ComputeFixtures.MixturePath(factory.IngestRoot, "flac"));
        var sum = new float[mixture.Samples.Length];
        foreach (var name in names)
        {
            var stem = await ComputeFixtures.DownloadAsync(client, $"{accepted.Headers.Location}/files/{name}", factory.Root);
            Assert.Equal(mixture.Samples.Length, stem.Samples.Length);
            var span = stem.Samples.Span;
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += span[i];
            }
        }

        var residual = ComputeFixtures.Rms(sum, mixture.Samples.Span) / ComputeFixtures.Rms(mixture.Samples.Span, new float[sum.Length]);
        Assert.True(residual < 0.1, $"the stems sum to the mixture within 10% RMS (residual {residual:F3})");
    }

    [Fact]
    public async Task Variations_are_written_analysed_linked_to_the_source_and_differ_from_it()
    {
        var client = factory.CreateAdminClient();
        var sampleId = await ComputeFixtures.IngestMixtureAsync(client, factory.IngestRoot, "variations");

        var accepted = await client.PostAsJsonAsync($"/v1/samples/{sampleId}/variations", new { count = 3, variance = 0.5 });
        Assert.Equal(202, (int)accepted.StatusCode);
        var status = await ComputeFixtures.WaitForDoneAsync(client, accepted.Headers.Location!.ToString(), s_timeout);

        var files = status["files"]!.AsArray();
        Assert.Equal(3, files.Count);
        var source = new AudioDecoder().Decode(ComputeFixtures.MixturePath(factory.IngestRoot, "variations"));
        foreach (var file in files)
        {
            Assert.Equal(sampleId, file!["sourceSampleId"]!.GetValue<string>());
            Assert.True(file["analysis"]!["format"]!["durationSeconds"]!.GetValue<double>() > 0, "each variation is analysed");
            var audio = await ComputeFixtures.DownloadAsync(client, $"{accepted.Headers.Location}/files/{file["name"]!.GetValue<string>()}", factory.Root);
            var length = Math.Min(audio.Samples.Length, source.Samples.Length);
            var difference = ComputeFixtures.Rms(audio.Samples.Span[..length], source.Samples.Span[..length]);
            Assert.True(difference > 1e-3 || audio.Samples.Length != source.Samples.Length, "a variation differs from its source");
        }
    }

    [Fact]
    public async Task A_free_tenant_gets_429_after_five_separations()
    {
        var admin = factory.CreateAdminClient();
        Assert.Equal(201, (int)(await admin.PostAsJsonAsync("/v1/tenants", new { id = "freebie", plan = "free" })).StatusCode);
        var issued = await ApiJson.ReadAsync(await admin.PostAsJsonAsync("/v1/tenants/freebie/keys", new { name = "k", scopes = "read,ingest" }));
        var client = factory.CreateClient(issued["token"]!.GetValue<string>());
        var sampleId = await ComputeFixtures.UploadMixtureAsync(client, factory.Root);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(202, (int)(await client.PostAsJsonAsync($"/v1/samples/{sampleId}/separate", new { stems = 2 })).StatusCode);
        }

        var refused = await client.PostAsJsonAsync($"/v1/samples/{sampleId}/separate", new { stems = 2 });
        var problem = await ApiJson.AssertProblemAsync(refused, 429);
        Assert.Contains("quota-exceeded", problem["type"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("The plan's quota of 5 stem separations a month is used up for ", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        // Retry-After: until the next month (UTC), at most 31 days away.
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.True(retryAfter > TimeSpan.Zero && retryAfter <= TimeSpan.FromDays(31), $"Retry-After {retryAfter}");
        await ApiJson.AssertProblemAsync(await admin.PostAsJsonAsync($"/v1/samples/{sampleId}/separate", new { stems = 2 }), 404);
    }

    [Fact]
    public async Task Unknown_samples_and_requests_get_404()
    {
        var client = factory.CreateAdminClient();

        await ApiJson.AssertProblemAsync(await client.PostAsJsonAsync("/v1/samples/snope/separate", new { stems = 2 }), 404);
        await ApiJson.AssertProblemAsync(await client.PostAsJsonAsync("/v1/samples/snope/variations", new { count = 1 }), 404);
        await ApiJson.AssertProblemAsync(await client.GetAsync("/v1/compute/nope"), 404);
        await ApiJson.AssertProblemAsync(await client.GetAsync("/v1/compute/nope/files/x.wav"), 404);
    }

    [Fact]
    public async Task Bad_bodies_and_stem_counts_without_a_model_get_400()
    {
        var client = factory.CreateAdminClient();
        var sample = "/v1/samples/sany";

        await ApiJson.AssertProblemAsync(await client.PostAsJsonAsync($"{sample}/separate", new { stems = 3 }), 400);
        await ApiJson.AssertProblemAsync(await client.PostAsJsonAsync($"{sample}/separate", new { stems = 2, target = "drums" }), 400);
        await ApiJson.AssertProblemAsync(await client.PostAsJsonAsync($"{sample}/separate", new { stems = 2, format = "mp3" }), 400);
        await ApiJson.AssertProblemAsync(await client.PostAsJsonAsync($"{sample}/separate", new { stems = 2, quality = "ultra" }), 400);
        await ApiJson.AssertProblemAsync(await client.PostAsJsonAsync($"{sample}/variations", new { count = 9 }), 400);
        await ApiJson.AssertProblemAsync(await client.PostAsJsonAsync($"{sample}/variations", new { count = 2, variance = 1.5 }), 400);
        await ApiJson.AssertProblemAsync(await client.PostAsync($"{sample}/variations", new StringContent("{\"count\":", Encoding.UTF8, "application/json")), 400);
        var variance = await ApiJson.AssertProblemAsync(await client.PostAsJsonAsync($"{sample}/variations", new { count = 2, variance = 1.01 }), 400);
        Assert.Equal(ProblemTypes.Validation, variance["type"]!.GetValue<string>());
        Assert.Equal("'variance' must be between 0 and 1.", Assert.Single(variance["errors"]!["variance"]!.AsArray())!.GetValue<string>());
        var fourStems = await ApiJson.AssertProblemAsync(await client.PostAsJsonAsync($"{sample}/separate", new { stems = 4 }), 400);
        Assert.NotNull(fourStems["errors"]!["stems"]);
        Assert.Contains("4-stem", fourStems["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("2 stems", fourStems["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_with_several_bad_fields_names_every_one_as_ingest_does()
    {
        var client = factory.CreateAdminClient();
        var sample = "/v1/samples/sany";

        var separation = await ApiJson.AssertProblemAsync(
            await client.PostAsJsonAsync($"{sample}/separate", new { stems = 5, quality = "ultra", format = "mp3", target = "x" }), 400);
        var variations = await ApiJson.AssertProblemAsync(
            await client.PostAsJsonAsync($"{sample}/variations", new { count = 1, variance = 1.5, timeRatio = 9 }), 400);

        Assert.Equal(["format", "quality", "stems", "target"], separation["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["timeRatio", "variance"], variations["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal("'variance' must be between 0 and 1. 'timeRatio' must be between 0.25 and 4.", variations["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_sample_whose_file_is_gone_is_refused_before_its_quota_and_one_that_no_longer_decodes_fails_naming_its_library_path()
    {
        var client = factory.CreateAdminClient();
        var sampleId = await ComputeFixtures.UploadMixtureAsync(client, factory.Root);
        var sourcePath = await factory.StoredPathAsync(sampleId);
        var bytes = await File.ReadAllBytesAsync(sourcePath);
        var used = await SeparationsUsedAsync(client);

        File.Delete(sourcePath);
        var gone = await ApiJson.AssertProblemAsync(await client.PostAsJsonAsync($"/v1/samples/{sampleId}/separate", new { stems = 2 }), 409);
        Assert.Contains("'mixture.wav'", gone["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(used, await SeparationsUsedAsync(client));

        // Still there, but no longer audio: the request fails, and its error names the file as the tenant knows it.
        await File.WriteAllBytesAsync(sourcePath, [.. "not audio any more"u8, .. bytes[..64]]);
        var accepted = await client.PostAsJsonAsync($"/v1/samples/{sampleId}/separate", new { stems = 2 });
        Assert.Equal(202, (int)accepted.StatusCode);
        var error = "";
        await Eventually.HoldsAsync(async () =>
        {
            var status = await ApiJson.ReadAsync(await client.GetAsync(accepted.Headers.Location));
            error = status["error"]?.GetValue<string>() ?? "";
            return status["state"]!.GetValue<string>() == "Failed";
        }, s_timeout, "the request to fail");
        Assert.Contains("mixture.wav", error, StringComparison.Ordinal);
        Assert.DoesNotContain(factory.Root, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Variations_that_would_outlast_what_a_variation_may_last_are_refused_naming_the_largest_time_ratio()
    {
        var limit = TimeSpan.FromMinutes(20);

        var refused = ComputeValidation.VariationLength(4, 0.1, 1140, limit);

        Assert.Null(ComputeValidation.VariationLength(4, 0.1, 300, limit));
        Assert.Null(ComputeValidation.VariationLength(null, 0, 1200, limit));
        Assert.NotNull(ComputeValidation.VariationLength(null, 0, 1201, limit));
        Assert.NotNull(refused);
        Assert.Equal(ProblemTypes.Validation, refused.ProblemDetails.Type);
        var message = Assert.Single(refused.ProblemDetails.Errors["timeRatio"]);
        Assert.Equal("'timeRatio' 4 would make variations of 4560 s from this 1140 s sample, past the 1200 s a variation may last; "
            + "for this sample it can be at most 1.05.", message);

        // Without a time ratio, the longest stretch the variance may pick counts (1.08 at the default 0.1).
        Assert.Null(ComputeValidation.VariationLength(null, 0.1, 1100, limit));
        var stretched = ComputeValidation.VariationLength(null, 0.1, 1112, limit);
        Assert.NotNull(stretched);
        Assert.Contains("Api:MaxVariationLength", Assert.Single(stretched.ProblemDetails.Errors["sampleId"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_variation_that_comes_out_empty_fails_naming_its_file_not_the_server_path_and_leaves_no_file()
    {
        var client = factory.CreateAdminClient();
        var folder = Directory.CreateDirectory(Path.Combine(factory.IngestRoot, "compute-tiny")).FullName;
        WavWriter.Write(Path.Combine(folder, "tiny.wav"), new float[8], 22050, 1);
        await ApiJson.WaitForJobAsync(client, await ApiJson.StartDirectoryIngestAsync(client, "compute-tiny", folder), s_timeout);
        var sampleId = (await ApiJson.ReadAsync(await client.GetAsync("/v1/libraries/compute-tiny/samples")))["items"]![0]!["sampleId"]!.GetValue<string>();

        var accepted = await client.PostAsJsonAsync($"/v1/samples/{sampleId}/variations", new { count = 2 });
        Assert.Equal(202, (int)accepted.StatusCode);
        var status = await ApiJson.ReadAsync(accepted);
        var requestId = status["request"]!["requestId"]!.GetValue<string>();
        var error = "";
        await Eventually.HoldsAsync(async () =>
        {
            status = await ApiJson.ReadAsync(await client.GetAsync(accepted.Headers.Location));
            error = status["error"]?.GetValue<string>() ?? "";
            return status["state"]!.GetValue<string>() == "Failed";
        }, s_timeout, "the variations to fail");

        // Before, "Cannot decode 'variation-1.wav': no audio frames", from the analysis of the empty file it wrote.
        Assert.Contains("'variation-1.wav' came out empty: this sample (8 frames at 22050 Hz) is too short", error, StringComparison.Ordinal);
        // No timeRatio was asked for: the stretch was variance's (before, the advice was a 'timeRatio' nearer 1).
        Assert.Contains("ask for a smaller 'variance'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("timeRatio", error, StringComparison.Ordinal);
        Assert.DoesNotContain(factory.Root, error, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.EnumerateFiles(factory.Root, "variation-*.wav", SearchOption.AllDirectories),
            path => path.Contains(requestId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_separation_that_fails_after_writing_stems_leaves_no_files_and_names_the_stem_not_the_server_path()
    {
        var client = factory.CreateAdminClient();
        var sampleId = await ComputeFixtures.IngestMixtureAsync(client, factory.IngestRoot, "failing-stems");
        var request = await SubmitHeldAsync(sampleId);
        var folder = ComputeBlobs.FolderFor(factory.Services.GetRequiredService<IConfiguration>(), request);
        // A folder where the second stem's file must go: its ".partial" file is written whole, then cannot take its name.
        Directory.CreateDirectory(Path.Combine(folder, "percussive.wav"));
        var queue = factory.Services.GetRequiredService<IWorkQueue>();
        var item = Assert.Single(await queue.ClaimAsync("failing-test", ["nobody-here"], 1, TimeSpan.FromMinutes(5)));

        var outcome = await ActivatorUtilities.CreateInstance<SeparateWorkHandler>(factory.Services).HandleAsync(item, CancellationToken.None);

        Assert.False(outcome.Succeeded);
        // Before, the stems' files stayed (harmonic.wav, percussive.wav.partial), listed by no request and deleted by nothing.
        Assert.False(Directory.Exists(folder), "the failed separation's folder is still there");
        var status = await ApiJson.ReadAsync(await client.GetAsync($"/v1/compute/{request.RequestId}"));
        Assert.Equal("Failed", status["state"]!.GetValue<string>());
        Assert.Contains("percussive.wav", status["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(factory.Root, status["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_the_queue_set_aside_without_its_handler_reads_failed_with_the_reason_and_is_refunded()
    {
        var client = factory.CreateAdminClient();
        var sampleId = await ComputeFixtures.IngestMixtureAsync(client, factory.IngestRoot, "set-aside");
        var queue = factory.Services.GetRequiredService<IWorkQueue>();
        var used = await SeparationsUsedAsync(client);
        var request = await SubmitHeldAsync(sampleId);
        Assert.Equal(used + 1, await SeparationsUsedAsync(client));

        // The test takes the item as a worker that keeps dying on it would leave it.
        var item = Assert.Single(await queue.ClaimAsync("dying-worker", ["nobody-here"], 1, TimeSpan.FromMinutes(1)));
        await queue.FailAsync(item.Id, item.LeaseToken, "the worker dying-worker stopped without finishing it (killed or crashed) on attempt 3", retryable: false);

        var status = await ApiJson.ReadAsync(await client.GetAsync($"/v1/compute/{request.RequestId}"));

        Assert.Equal("Failed", status["state"]!.GetValue<string>());
        Assert.Contains("stopped without finishing it", status["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(status["refunded"]!.GetValue<bool>());
        Assert.Equal(used, await SeparationsUsedAsync(client));
    }

    [Fact]
    public async Task A_queued_request_is_cancelled_and_refunded_a_done_one_is_not_and_both_are_listed_newest_first()
    {
        var client = factory.CreateAdminClient();
        var sampleId = await ComputeFixtures.IngestMixtureAsync(client, factory.IngestRoot, "cancelling");
        var done = await client.PostAsJsonAsync($"/v1/samples/{sampleId}/separate", new { stems = 2 });
        await ComputeFixtures.WaitForDoneAsync(client, done.Headers.Location!.ToString(), s_timeout);
        var queue = factory.Services.GetRequiredService<IWorkQueue>();
        var used = await SeparationsUsedAsync(client);
        var request = await SubmitHeldAsync(sampleId);

        var cancelled = await ApiJson.ReadAsync(await client.PostAsync($"/v1/compute/{request.RequestId}/cancel", null));
        var again = await client.PostAsync($"/v1/compute/{request.RequestId}/cancel", null);
        var ended = await ApiJson.AssertProblemAsync(await client.PostAsync($"{done.Headers.Location}/cancel", null), 409);
        var listed = (await ApiJson.ReadAsync(await client.GetAsync("/v1/compute?limit=2")))["items"]!.AsArray();

        Assert.Equal("Cancelled", cancelled["state"]!.GetValue<string>());
        Assert.True(cancelled["refunded"]!.GetValue<bool>());
        Assert.Equal(200, (int)again.StatusCode);
        Assert.Equal(used, await SeparationsUsedAsync(client));
        Assert.Equal(1, (await queue.GetJobCountsAsync(request.RequestId))!.Cancelled);
        Assert.Contains("has ended (Done)", ended["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(request.RequestId, listed[0]!["request"]!["requestId"]!.GetValue<string>());
        Assert.Equal(done.Headers.Location!.ToString().Split('/')[^1], listed[1]!["request"]!["requestId"]!.GetValue<string>());
        await ApiJson.AssertProblemAsync(await client.GetAsync("/v1/compute?limit=0"), 400);
    }

    [Fact]
    public async Task A_separation_cancelled_while_it_runs_stops_at_its_next_progress_report_and_leaves_no_files()
    {
        var client = factory.CreateAdminClient();
        var sampleId = await ComputeFixtures.IngestMixtureAsync(client, factory.IngestRoot, "cancel-running", seconds: 600);
        var request = await SubmitHeldAsync(sampleId);

        var (outcome, ranToItsEnd) = await CancelWhileRunningAsync<SeparateWorkHandler>(client, request);

        Assert.True(outcome.Succeeded);
        Assert.False(ranToItsEnd, "the separation of ten minutes ran to its end after it was cancelled at its first progress report");
        Assert.False(Directory.Exists(ComputeBlobs.FolderFor(factory.Services.GetRequiredService<IConfiguration>(), request)));
        Assert.Equal("Cancelled", (await ApiJson.ReadAsync(await client.GetAsync($"/v1/compute/{request.RequestId}")))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Variations_cancelled_while_they_run_stop_before_the_next_one_and_leave_no_files()
    {
        var client = factory.CreateAdminClient();
        var sampleId = await ComputeFixtures.IngestMixtureAsync(client, factory.IngestRoot, "cancel-varying", seconds: 30);
        var request = await SubmitHeldAsync(sampleId, ComputeKinds.Vary);

        var (outcome, ranToItsEnd) = await CancelWhileRunningAsync<VaryWorkHandler>(client, request);

        Assert.True(outcome.Succeeded);
        Assert.False(ranToItsEnd, "all eight variations were made after the request was cancelled at the first one's progress report");
        Assert.False(Directory.Exists(ComputeBlobs.FolderFor(factory.Services.GetRequiredService<IConfiguration>(), request)));
    }

    /// <summary>
    /// Submits a separation (or another <paramref name="kind"/>) of <paramref name="sampleId"/> as the API does, whose item (under the request's key, queued
    /// first) waits for a role no worker here has ("nobody-here"): the request stays queued, and a test can take the item.
    /// </summary>
    private async Task<ComputeRequest> SubmitHeldAsync(string sampleId, string kind = ComputeKinds.Separate)
    {
        var queue = factory.Services.GetRequiredService<IWorkQueue>();
        var request = new ComputeRequest(Guid.NewGuid().ToString("N"), "admin", sampleId, kind, 2, "hpss", "fast", 8, 0.1,
            null, null, DateTimeOffset.UtcNow);
        await queue.RegisterJobAsync(new WorkJob(request.RequestId, "admin", 5, request.Kind));
        await queue.EnqueueAsync(request.RequestId, [new WorkItemRequest(request.RequestId, request.Kind, "nobody-here", request.RequestId)]);
        await factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IComputeRequestGrain>(request.RequestId)
            .Submit(request, kind == ComputeKinds.Separate ? UsageMeter.StemSeparations : UsageMeter.Variations);
        return request;
    }

    /// <summary>
    /// Takes the held request's item and runs <typeparamref name="THandler"/> on it here; once the request reports progress,
    /// cancels it through the API, and returns what the handler did and whether it ran to its end (a finished run is
    /// counted in the GPU statistics, a stopped one is not).
    /// </summary>
    private async Task<(WorkOutcome Outcome, bool RanToItsEnd)> CancelWhileRunningAsync<THandler>(HttpClient client, ComputeRequest request)
        where THandler : IWorkHandler
    {
        var queue = factory.Services.GetRequiredService<IWorkQueue>();
        var item = Assert.Single(await queue.ClaimAsync("cancel-test", ["nobody-here"], 1, TimeSpan.FromMinutes(5)));
        var stats = factory.Services.GetRequiredService<GpuWorkerStats>();
        var recorded = stats.Requests;
        var running = ActivatorUtilities.CreateInstance<THandler>(factory.Services).HandleAsync(item, CancellationToken.None);
        await Eventually.HoldsAsync(
            async () => running.IsCompleted
                || (await ApiJson.ReadAsync(await client.GetAsync($"/v1/compute/{request.RequestId}")))["progress"]!.GetValue<double>() > 0,
            s_timeout, "the request to report progress");
        var cancelled = await ApiJson.ReadAsync(await client.PostAsync($"/v1/compute/{request.RequestId}/cancel", null));
        Assert.Equal("Cancelled", cancelled["state"]!.GetValue<string>());
        var outcome = await running.WaitAsync(s_timeout);
        return (outcome, stats.Requests != recorded);
    }

    private static async Task<long> SeparationsUsedAsync(HttpClient client) =>
        (await ApiJson.ReadAsync(await client.GetAsync("/v1/tenants/admin/usage")))["used"]!.AsObject()
            .TryGetPropertyValue("stemSeparations", out var used) && used is not null ? used.GetValue<long>() : 0;
}
