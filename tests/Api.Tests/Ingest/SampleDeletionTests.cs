using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SampleMind.Api.Tests.Hosting;
using SampleMind.Grains.Abstractions.Search;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Runtime;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Ingest;

/// <summary>
/// <c>DELETE /v1/samples/{id}</c> through HTTP: the sample leaves its listing, overview, search and duplicates; its copies
/// link to the first of them; an uploaded file is deleted with it, a server-side folder's file never is. A library left
/// with no searchable sample is a 404 to its search, recommendations and humming.
/// </summary>
public sealed class SampleDeletionTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly TimeSpan s_jobTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_deleted_original_is_gone_everywhere_its_copies_link_to_the_first_and_its_folder_file_stays()
    {
        var client = factory.CreateAdminClient();
        var folder = Path.Combine(factory.IngestRoot, "deletion");
        WavWriter.Sine(Path.Combine(folder, "a-tone.wav"), 440, 1.0);
        WavWriter.Sine(Path.Combine(folder, "other.wav"), 660, 1.0);
        foreach (var copy in new[] { "copies/y.wav", "copies/x.wav" })
        {
            Directory.CreateDirectory(Path.Combine(folder, "copies"));
            File.Copy(Path.Combine(folder, "a-tone.wav"), Path.Combine(folder, copy));
        }

        await ApiJson.WaitForJobAsync(client, await ApiJson.StartDirectoryIngestAsync(client, "deletion", folder, "standard"), s_jobTimeout);
        var ids = await IdsAsync(client, "deletion");
        // Which of the three equal files is the original depends on which the ingest hashed first.
        var trio = new[] { "a-tone.wav", "copies/x.wav", "copies/y.wav" };
        var links = new Dictionary<string, string?>();
        foreach (var path in trio)
        {
            links[path] = (await SampleAsync(client, ids[path]))["duplicateOf"]?.GetValue<string>();
        }

        var originalPath = Assert.Single(trio, path => links[path] is null);
        var original = ids[originalPath];
        var copyPaths = trio.Where(path => path != originalPath).ToArray();
        Assert.All(copyPaths, path => Assert.Equal(original, links[path]));

        var reader = await ApiJson.ReadAsync(await client.PostAsJsonAsync("/v1/tenants/admin/keys", new { name = "reader", scopes = "read" }));
        await ApiJson.AssertProblemAsync(await factory.CreateClient(reader["token"]!.GetValue<string>()).DeleteAsync($"/v1/samples/{original}"), 403);
        Assert.Equal(201, (int)(await client.PostAsJsonAsync("/v1/tenants", new { id = "deleters", plan = "pro" })).StatusCode);
        var stranger = await ApiJson.ReadAsync(await client.PostAsJsonAsync("/v1/tenants/deleters/keys", new { name = "x", scopes = "ingest,read" }));
        await ApiJson.AssertProblemAsync(await factory.CreateClient(stranger["token"]!.GetValue<string>()).DeleteAsync($"/v1/samples/{original}"), 404);

        Assert.Equal(204, (int)(await client.DeleteAsync($"/v1/samples/{original}")).StatusCode);

        await ApiJson.AssertProblemAsync(await client.DeleteAsync($"/v1/samples/{original}"), 404);
        await ApiJson.AssertProblemAsync(await client.GetAsync($"/v1/samples/{original}"), 404);
        await ApiJson.AssertProblemAsync(await client.GetAsync($"/v1/samples/{original}/audio"), 404);
        Assert.True(File.Exists(Path.Combine(folder, originalPath)), "a server-side folder's file is the tenant's, not the server's to delete");
        Assert.Equal([.. copyPaths, "other.wav"], (await IdsAsync(client, "deletion")).Keys.Order(StringComparer.Ordinal));
        var overview = await ApiJson.ReadAsync(await client.GetAsync("/v1/libraries/deletion"));
        Assert.Equal((3, 1), (overview["samples"]!.GetValue<long>(), overview["duplicates"]!.GetValue<long>()));

        // The first copy by sample id is the original now; the other copy names it.
        var (first, second) = string.CompareOrdinal(ids[copyPaths[0]], ids[copyPaths[1]]) < 0
            ? (ids[copyPaths[0]], ids[copyPaths[1]])
            : (ids[copyPaths[1]], ids[copyPaths[0]]);
        Assert.Null((await SampleAsync(client, first))["duplicateOf"]);
        Assert.Equal(first, (await SampleAsync(client, second))["duplicateOf"]!.GetValue<string>());
        var duplicates = (await ApiJson.ReadAsync(await client.GetAsync($"/v1/samples/{first}/duplicates")))["hits"]!.AsArray();
        Assert.Equal([second], duplicates.Select(h => h!["sampleId"]!.GetValue<string>()));
        var similar = (await ApiJson.ReadAsync(await client.GetAsync($"/v1/samples/{ids["other.wav"]}/similar?k=10")))["hits"]!.AsArray();
        Assert.DoesNotContain(original, similar.Select(h => h!["sampleId"]!.GetValue<string>()));
        var search = (await ApiJson.ReadAsync(await client.PostAsJsonAsync("/v1/libraries/deletion/search", new { text = "tone", k = 10 })))["hits"]!.AsArray();
        Assert.DoesNotContain(original, search.Select(h => h!["sampleId"]!.GetValue<string>()));

        // Ingesting the file again makes it a sample again, a copy of the new original.
        await ApiJson.WaitForJobAsync(client, await ApiJson.StartDirectoryIngestAsync(client, "deletion", folder, "standard"), s_jobTimeout);
        Assert.Equal(first, (await SampleAsync(client, original))["duplicateOf"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deleting_an_uploaded_sample_deletes_its_file_and_the_folders_it_leaves_empty()
    {
        var client = factory.CreateAdminClient();
        var tone = Path.Combine(factory.Root, "upload-tone.wav");
        WavWriter.Sine(tone, 550, 1.0);
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(await File.ReadAllBytesAsync(tone)), "files", "kit/deep/tone.wav" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(tone)), "files", "kit/tone-copy.wav" },
        };
        var accepted = await client.PostAsync("/v1/libraries/uploaded/ingests?level=standard", form);
        Assert.Equal(202, (int)accepted.StatusCode);
        await ApiJson.WaitForJobAsync(client, (await ApiJson.ReadAsync(accepted))["jobId"]!.GetValue<string>(), s_jobTimeout);
        var ids = await IdsAsync(client, "uploaded");
        var deep = await factory.StoredPathAsync(ids["kit/deep/tone.wav"]);
        var copy = await factory.StoredPathAsync(ids["kit/tone-copy.wav"]);
        Assert.True(File.Exists(deep) && File.Exists(copy));

        Assert.Equal(204, (int)(await client.DeleteAsync($"/v1/samples/{ids["kit/deep/tone.wav"]}")).StatusCode);

        Assert.False(File.Exists(deep));
        Assert.False(Directory.Exists(Path.GetDirectoryName(deep)), "the folder the file leaves empty goes with it");
        Assert.True(File.Exists(copy), "the copy's own file stays");
        Assert.Equal(200, (int)(await client.GetAsync($"/v1/samples/{ids["kit/tone-copy.wav"]}/audio")).StatusCode);
        Assert.Null((await SampleAsync(client, ids["kit/tone-copy.wav"]))["duplicateOf"]);
    }

    [Fact]
    public async Task A_file_uploaded_again_deletes_its_older_copy_and_a_library_without_samples_still_deletes_a_copy_left_behind()
    {
        var client = factory.CreateAdminClient();
        var tone = Path.Combine(factory.Root, "twice-tone.wav");
        WavWriter.Sine(tone, 660, 1.0);
        var folders = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var form = new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(tone)), "files", "x.wav" } };
            var accepted = await client.PostAsync("/v1/libraries/twice-up/ingests?level=fast", form);
            var jobId = (await ApiJson.ReadAsync(accepted))["jobId"]!.GetValue<string>();
            await ApiJson.WaitForJobAsync(client, jobId, s_jobTimeout);
            folders.Add(Path.Combine(factory.Root, "data", "uploads", "admin", jobId));
        }

        // The second upload's record names its own copy: the first, which no sample names, went (and its emptied folder).
        var sampleId = Assert.Single((await IdsAsync(client, "twice-up")).Values);
        Assert.Equal(Path.Combine(folders[1], "x.wav"), await factory.StoredPathAsync(sampleId));
        Assert.False(Directory.Exists(folders[0]), "the first upload's copy is left");
        Assert.Equal(200, (int)(await client.GetAsync($"/v1/samples/{sampleId}/audio")).StatusCode);

        // What a host killed between the record and that deletion leaves: a copy no sample names, found by library deletion.
        Directory.CreateDirectory(folders[0]);
        File.Copy(tone, Path.Combine(folders[0], "x.wav"));
        Assert.Equal(204, (int)(await client.DeleteAsync($"/v1/samples/{sampleId}")).StatusCode);
        var deleted = await client.DeleteAsync("/v1/libraries/twice-up");

        Assert.Equal(200, (int)deleted.StatusCode);
        Assert.Equal(0, (await ApiJson.ReadAsync(deleted))["removed"]!.GetValue<long>());
        Assert.All(folders, folder => Assert.False(Directory.Exists(folder), $"{folder} is left"));
        await ApiJson.AssertProblemAsync(await client.DeleteAsync("/v1/libraries/twice-up"), 404);
    }

    [Fact]
    public async Task A_deleted_library_loses_the_uploads_of_a_job_older_than_the_tenants_latest_1000()
    {
        var client = factory.CreateAdminClient();
        var tone = Path.Combine(factory.Root, "forgotten-tone.wav");
        WavWriter.Sine(tone, 550, 1.0);
        var form = new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(tone)), "files", "old.wav" } };
        var accepted = await client.PostAsync("/v1/libraries/forgotten/ingests?level=fast", form);
        Assert.Equal(202, (int)accepted.StatusCode);
        await ApiJson.WaitForJobAsync(client, (await ApiJson.ReadAsync(accepted))["jobId"]!.GetValue<string>(), s_jobTimeout);
        var sampleId = Assert.Single((await IdsAsync(client, "forgotten")).Values);
        var uploadFolder = Path.GetDirectoryName(await factory.StoredPathAsync(sampleId))!;
        Assert.True(Directory.Exists(uploadFolder));

        // A thousand later jobs: the tenant no longer lists the upload's.
        var tenant = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantGrain>("admin");
        for (var i = 0; i < 1000; i++)
        {
            await tenant.RecordJob($"job-later-{i}");
        }

        Assert.Equal(200, (int)(await client.DeleteAsync("/v1/libraries/forgotten")).StatusCode);
        Assert.False(Directory.Exists(uploadFolder), "the upload's files go with the library, however old its job");
    }

    [Fact]
    public async Task A_deleted_library_loses_every_sample_and_its_uploads_and_another_library_keeps_its_own()
    {
        var client = factory.CreateAdminClient();
        var tone = Path.Combine(factory.Root, "library-tone.wav");
        WavWriter.Sine(tone, 330, 1.0);
        var bytes = await File.ReadAllBytesAsync(tone);
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(bytes), "files", "a/one.wav" },
            { new ByteArrayContent(bytes), "files", "a/copy.wav" },
            { new ByteArrayContent([.. bytes.AsSpan(0, bytes.Length - 2), 1, 1]), "files", "b/two.wav" },
        };
        var accepted = await client.PostAsync("/v1/libraries/doomed/ingests?level=standard", form);
        Assert.Equal(202, (int)accepted.StatusCode);
        var jobId = (await ApiJson.ReadAsync(accepted))["jobId"]!.GetValue<string>();
        await ApiJson.WaitForJobAsync(client, jobId, s_jobTimeout);
        var kept = Path.Combine(factory.IngestRoot, "kept");
        WavWriter.Sine(Path.Combine(kept, "stays.wav"), 770, 1.0);
        await ApiJson.WaitForJobAsync(client, await ApiJson.StartDirectoryIngestAsync(client, "kept", kept, "standard"), s_jobTimeout);
        var doomed = await IdsAsync(client, "doomed");
        var uploadFolder = Path.GetDirectoryName(Path.GetDirectoryName(await factory.StoredPathAsync(doomed["a/one.wav"])))!;
        Assert.True(Directory.Exists(uploadFolder));

        var deleted = await client.DeleteAsync("/v1/libraries/doomed");

        Assert.Equal(200, (int)deleted.StatusCode);
        Assert.Equal(3, (await ApiJson.ReadAsync(deleted))["removed"]!.GetValue<long>());
        await ApiJson.AssertProblemAsync(await client.GetAsync("/v1/libraries/doomed"), 404);
        await ApiJson.AssertProblemAsync(await client.GetAsync("/v1/libraries/doomed/samples"), 404);
        foreach (var id in doomed.Values)
        {
            await ApiJson.AssertProblemAsync(await client.GetAsync($"/v1/samples/{id}"), 404);
        }

        Assert.False(Directory.Exists(uploadFolder), "the upload's files go with the library");
        await ApiJson.AssertProblemAsync(await client.DeleteAsync("/v1/libraries/doomed"), 404);
        Assert.DoesNotContain("doomed", (await ApiJson.ReadAsync(await client.GetAsync("/v1/libraries")))["items"]!.AsArray()
            .Select(l => l!["libraryId"]!.GetValue<string>()));
        await AssertNotSearchableAsync(client, "doomed");

        Assert.Single(await IdsAsync(client, "kept"));
        Assert.True(File.Exists(Path.Combine(kept, "stays.wav")));

        // The same library id takes a new ingest afresh.
        await ApiJson.WaitForJobAsync(client, await ApiJson.StartDirectoryIngestAsync(client, "doomed", kept, "standard"), s_jobTimeout);
        Assert.Single(await IdsAsync(client, "doomed"));
        Assert.Single(await SearchAsync(client, "doomed"));
    }

    [Fact]
    public async Task Deleting_a_librarys_last_searchable_sample_makes_it_a_404_to_search_and_a_new_sample_makes_it_searchable_again()
    {
        var client = factory.CreateAdminClient();
        var folder = Path.Combine(factory.IngestRoot, "lonely");
        WavWriter.Sine(Path.Combine(folder, "only.wav"), 495, 1.0);
        await ApiJson.WaitForJobAsync(client, await ApiJson.StartDirectoryIngestAsync(client, "lonely", folder, "standard"), s_jobTimeout);
        var sampleId = Assert.Single((await IdsAsync(client, "lonely")).Values);
        Assert.Equal([sampleId], await SearchAsync(client, "lonely"));

        Assert.Equal(204, (int)(await client.DeleteAsync($"/v1/samples/{sampleId}")).StatusCode);

        await AssertNotSearchableAsync(client, "lonely");

        // The shard that unlisted itself lists itself again with its next sample.
        await ApiJson.WaitForJobAsync(client, await ApiJson.StartDirectoryIngestAsync(client, "lonely", folder, "standard"), s_jobTimeout);
        Assert.Single(await SearchAsync(client, "lonely"));
        Assert.Contains("lonely", await ListedAsync());
    }

    [Fact]
    public async Task A_library_an_older_version_deleted_but_left_listed_is_a_404_to_search_and_leaves_the_list()
    {
        var client = factory.CreateAdminClient();
        // What a library deleted before the shards unlisted themselves left behind: its name listed, its shard empty.
        await factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantLibrariesGrain>("admin").Add("left-listed");

        await ApiJson.AssertProblemAsync(await client.PostAsJsonAsync("/v1/libraries/left-listed/search", new { text = "kick" }), 404);

        Assert.DoesNotContain("left-listed", await ListedAsync());
        await AssertNotSearchableAsync(client, "left-listed");
    }

    /// <summary>The library's search, recommendations and humming are a 404, and tenant-wide search no longer fans out to it.</summary>
    private async Task AssertNotSearchableAsync(HttpClient client, string library)
    {
        await ApiJson.AssertProblemAsync(await client.PostAsJsonAsync($"/v1/libraries/{library}/search", new { text = "tone", k = 10 }), 404);
        await ApiJson.AssertProblemAsync(await client.PostAsJsonAsync($"/v1/libraries/{library}/recommendations", new { count = 5 }), 404);
        var hum = new ByteArrayContent([1, 2, 3]) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } };
        await ApiJson.AssertProblemAsync(await client.PostAsync($"/v1/libraries/{library}/search/humming", hum), 404);
        Assert.DoesNotContain(library, await ListedAsync());
    }

    private Task<IReadOnlyList<string>> ListedAsync() =>
        factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantLibrariesGrain>("admin").List();

    private static async Task<string[]> SearchAsync(HttpClient client, string library)
    {
        var response = await client.PostAsJsonAsync($"/v1/libraries/{library}/search", new { k = 10 });
        Assert.Equal(200, (int)response.StatusCode);
        return [.. (await ApiJson.ReadAsync(response))["hits"]!.AsArray().Select(h => h!["sampleId"]!.GetValue<string>())];
    }

    private static async Task<JsonNode> SampleAsync(HttpClient client, string sampleId)
    {
        var response = await client.GetAsync($"/v1/samples/{sampleId}");
        Assert.Equal(200, (int)response.StatusCode);
        return await ApiJson.ReadAsync(response);
    }

    private static async Task<Dictionary<string, string>> IdsAsync(HttpClient client, string library)
    {
        var page = await ApiJson.ReadAsync(await client.GetAsync($"/v1/libraries/{library}/samples?limit=1000"));
        return page["items"]!.AsArray().ToDictionary(i => i!["relativePath"]!.GetValue<string>(), i => i!["sampleId"]!.GetValue<string>());
    }
}
