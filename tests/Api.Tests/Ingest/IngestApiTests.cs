using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using SampleMind.Api.Tests.Hosting;
using static SampleMind.Api.Tests.Uploads.UploadBodies;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Ingest;

public sealed class IngestApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly TimeSpan s_jobTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_directory_ingest_analyses_every_file_fails_the_corrupt_one_and_links_duplicates()
    {
        var dir = Folder("mixed");
        WavWriter.Sine(Path.Combine(dir, "tones", "a440.wav"), 440, 1.0);
        WavWriter.Sine(Path.Combine(dir, "tones", "a220.wav"), 220, 1.0);
        File.Copy(Path.Combine(dir, "tones", "a440.wav"), Path.Combine(dir, "tones", "copy-of-a440.wav"));
        File.WriteAllText(Path.Combine(dir, "broken.wav"), "this is not audio at all, just text with a .wav name");
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "not listed: not a sample extension");
        var client = factory.CreateAdminClient();

        var jobId = await ApiJson.StartDirectoryIngestAsync(client, "mixed", dir);
        var status = await ApiJson.WaitForJobAsync(client, jobId, s_jobTimeout);

        Assert.Equal("Completed", status["state"]!.GetValue<string>());
        Assert.Equal(4, status["listed"]!.GetValue<long>());
        Assert.Equal(3, status["succeeded"]!.GetValue<long>());
        Assert.Equal(1, status["duplicates"]!.GetValue<long>());
        Assert.Equal(1, status["failed"]!.GetValue<long>());
        var failure = status["recentFailures"]![0]!;
        Assert.Equal("broken.wav", failure["path"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(failure["reason"]!.GetValue<string>()));

        var csvAnswer = await client.GetAsync($"/v1/jobs/{jobId}/results?format=csv");
        Assert.Equal($"attachment; filename=\"{jobId}-results.csv\"", csvAnswer.Content.Headers.ContentDisposition?.ToString());
        var csv = await csvAnswer.Content.ReadAsStringAsync();
        // RFC 4180: every record ends in CRLF, and no line feed stands alone.
        Assert.EndsWith("\r\n", csv, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', csv.Replace("\r\n", "", StringComparison.Ordinal));
        Assert.NotEqual('\uFEFF', csv[0]);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("path,outcome,", lines[0], StringComparison.Ordinal);
        Assert.Equal(5, lines.Length);
        Assert.Single(lines, l => l.StartsWith("broken.wav,failed,", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("tones/copy-of-a440.wav,duplicate,", StringComparison.Ordinal)
            || l.StartsWith("tones/a440.wav,duplicate,", StringComparison.Ordinal));

        var jsonLines = await client.GetAsync($"/v1/jobs/{jobId}/results?format=json");
        Assert.Equal($"attachment; filename=\"{jobId}-results.jsonl\"", jsonLines.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal(4, (await jsonLines.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        // HEAD: the GET's headers, no rows read: like the GET (chunked), no Content-Length, where one counted from a
        // GET run for it would be there.
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v1/jobs/{jobId}/results?format=csv"));
        Assert.Equal(200, (int)head.StatusCode);
        Assert.Equal("text/csv", head.Content.Headers.ContentType?.MediaType);
        Assert.Equal(csvAnswer.Content.Headers.ContentDisposition, head.Content.Headers.ContentDisposition);
        Assert.Null(head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(404, (int)(await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/v1/jobs/job-none/results"))).StatusCode);
    }

    [SharedDataFact]
    public async Task A_file_cut_short_is_catalogued_with_the_truncated_defect_and_the_whole_file_without_it()
    {
        var dir = Folder("cut-short");
        var bytes = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.SamplesDev, "arp", "000_arp2.wav"));
        await File.WriteAllBytesAsync(Path.Combine(dir, "whole.wav"), bytes);
        await File.WriteAllBytesAsync(Path.Combine(dir, "cut.wav"), bytes[..(bytes.Length * 3 / 5)]);
        var client = factory.CreateAdminClient();

        var jobId = await ApiJson.StartDirectoryIngestAsync(client, "cut-short", dir, "standard");
        var status = await ApiJson.WaitForJobAsync(client, jobId, s_jobTimeout);

        // Before, the cut file was catalogued as a whole, shorter sample with nothing to say it was cut.
        Assert.Equal((2L, 0L), (status["succeeded"]!.GetValue<long>(), status["failed"]!.GetValue<long>()));
        var csv = (await client.GetStringAsync($"/v1/jobs/{jobId}/results?format=csv")).Split("\r\n");
        Assert.Contains("truncated", Assert.Single(csv, l => l.StartsWith("cut.wav,", StringComparison.Ordinal)).Split(',')[11].Split(';'));
        Assert.DoesNotContain("truncated", Assert.Single(csv, l => l.StartsWith("whole.wav,", StringComparison.Ordinal)), StringComparison.Ordinal);
        var rows = (await client.GetStringAsync($"/v1/jobs/{jobId}/results?format=json")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonNode.Parse(line)!).ToDictionary(r => r["path"]!.GetValue<string>(), r => r["sample"]!["defects"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Contains("truncated", rows["cut.wav"]);
        Assert.DoesNotContain("truncated", rows["whole.wav"]);

        async Task<string[]> PathsAsync(string library, string query) =>
            [.. (await ApiJson.ReadAsync(await client.GetAsync($"/v1/libraries/{library}/samples?{query}")))["items"]!.AsArray()
                .Select(i => i!["relativePath"]!.GetValue<string>())];
        Assert.Equal(["cut.wav"], await PathsAsync("cut-short", "defect=truncated"));
        Assert.Equal(["whole.wav"], await PathsAsync("cut-short", "defect=-truncated"));
        var overview = await ApiJson.ReadAsync(await client.GetAsync("/v1/libraries/cut-short"));
        Assert.Equal(1, overview["defects"]!["truncated"]!.GetValue<long>());

        var cut = await SampleAtAsync(client, "cut-short", "cut.wav");
        var defect = Assert.Single(cut["analysis"]!["defects"]!["defects"]!.AsArray(), d => d!["kind"]!.GetValue<string>() == "Truncated")!;
        Assert.StartsWith("file cut short: 1.711 s of the 4.278 s its header promises is missing", defect["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(75445, cut["analysis"]!["format"]!["missingFrames"]!.GetValue<long>());
        Assert.Null((await SampleAtAsync(client, "cut-short", "whole.wav"))["analysis"]!["format"]!["missingFrames"]);
        var hits = await ApiJson.ReadAsync(await client.PostAsJsonAsync("/v1/libraries/cut-short/search", new { text = "no truncated" }));
        Assert.Equal(["whole.wav"], hits["hits"]!.AsArray().Select(h => h!["path"]!.GetValue<string>()));

        // Level fast reports no defects, but the decoder's word that the file is cut still reaches the catalogue.
        await ApiJson.WaitForJobAsync(client, await ApiJson.StartDirectoryIngestAsync(client, "cut-short-fast", dir), s_jobTimeout);
        Assert.Equal(["cut.wav"], await PathsAsync("cut-short-fast", "defect=truncated"));
    }

    [Fact]
    public async Task A_jobs_audio_seconds_are_the_sum_its_library_gives_not_a_sum_of_rounded_items()
    {
        var dir = Folder("seconds");
        // 22,051 and 44,101 frames at 22,050 Hz: 1.0000454 and 2.0000454 s, whose milliseconds round off.
        WavWriter.Sine(Path.Combine(dir, "a.wav"), 440, 22051.5 / 22050);
        WavWriter.Sine(Path.Combine(dir, "b.wav"), 220, 44101.5 / 22050);
        var client = factory.CreateAdminClient();

        var status = await ApiJson.WaitForJobAsync(client, await ApiJson.StartDirectoryIngestAsync(client, "seconds", dir), s_jobTimeout);

        var library = await ApiJson.ReadAsync(await client.GetAsync("/v1/libraries/seconds"));
        Assert.InRange(library["audioSeconds"]!.GetValue<double>(), 3.00008, 3.0001);
        Assert.Equal(library["audioSeconds"]!.GetValue<double>(), status["audioSeconds"]!.GetValue<double>(), 9);
    }

    [Fact]
    public async Task A_tenants_libraries_are_listed_and_one_is_described_to_that_tenant_only()
    {
        var dir = Folder("overview");
        WavWriter.Sine(Path.Combine(dir, "a440.wav"), 440, 1.0);
        WavWriter.Sine(Path.Combine(dir, "a220.wav"), 220, 2.0);
        File.Copy(Path.Combine(dir, "a440.wav"), Path.Combine(dir, "again.wav"));
        File.WriteAllText(Path.Combine(dir, "broken.wav"), "not audio");
        var admin = factory.CreateAdminClient();
        await ApiJson.WaitForJobAsync(admin, await ApiJson.StartDirectoryIngestAsync(admin, "overview", dir), s_jobTimeout);

        var libraries = (await ApiJson.ReadAsync(await admin.GetAsync("/v1/libraries")))["items"]!.AsArray();
        var listed = Assert.Single(libraries, l => l!["libraryId"]!.GetValue<string>() == "overview")!;
        Assert.Equal(3, listed["samples"]!.GetValue<long>()); // the broken file has no row; the copy has one
        Assert.Equal(4.0, listed["audioSeconds"]!.GetValue<double>(), 2);
        var ids = libraries.Select(l => l!["libraryId"]!.GetValue<string>()).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);

        var overview = await ApiJson.ReadAsync(await admin.GetAsync("/v1/libraries/overview"));
        Assert.Equal("overview", overview["libraryId"]!.GetValue<string>());
        Assert.Equal(3, overview["samples"]!.GetValue<long>());
        Assert.Equal(1, overview["duplicates"]!.GetValue<long>());
        Assert.Equal(3, overview["types"]!.AsObject().Sum(t => t.Value!.GetValue<long>()));
        Assert.Equal(3, overview["keys"]!.AsArray().Sum(k => k!["samples"]!.GetValue<long>()) + overview["withoutKey"]!.GetValue<long>());
        Assert.Contains("clipping", overview["defects"]!.AsObject().Select(d => d.Key));

        await ApiJson.AssertProblemAsync(await admin.GetAsync("/v1/libraries/no-such-library"), 404);
        await ApiJson.AssertProblemAsync(await admin.GetAsync("/v1/libraries/Not%20OK"), 400);

        Assert.Equal(201, (int)(await admin.PostAsJsonAsync("/v1/tenants", new { id = "other-shelf" })).StatusCode);
        var issued = await ApiJson.ReadAsync(await admin.PostAsJsonAsync("/v1/tenants/other-shelf/keys", new { name = "reader", scopes = "read" }));
        var other = factory.CreateClient(issued["token"]!.GetValue<string>());
        Assert.Empty((await ApiJson.ReadAsync(await other.GetAsync("/v1/libraries")))["items"]!.AsArray());
        await ApiJson.AssertProblemAsync(await other.GetAsync("/v1/libraries/overview"), 404);
        var ingestOnly = await ApiJson.ReadAsync(await admin.PostAsJsonAsync("/v1/tenants/admin/keys", new { name = "ingest-only", scopes = "ingest" }));
        await ApiJson.AssertProblemAsync(await factory.CreateClient(ingestOnly["token"]!.GetValue<string>()).GetAsync("/v1/libraries"), 403);
    }

    [Fact]
    public async Task A_manifest_path_through_a_symbolic_link_fails_its_item_and_nothing_outside_is_read()
    {
        var outside = Directory.CreateTempSubdirectory("outside-").FullName;
        WavWriter.Sine(Path.Combine(outside, "secret.wav"), 330, 1.0);
        var dir = Folder("linked");
        WavWriter.Sine(Path.Combine(dir, "own.wav"), 440, 1.0);
        File.CreateSymbolicLink(Path.Combine(dir, "out.wav"), Path.Combine(outside, "secret.wav"));
        Directory.CreateSymbolicLink(Path.Combine(dir, "outdir"), outside);
        var client = factory.CreateAdminClient();

        var started = await client.PostAsJsonAsync("/v1/libraries/linked/ingests",
            new { source = new { kind = "manifest", root = dir, files = new[] { "own.wav", "out.wav", "outdir/secret.wav" } } });
        Assert.Equal(202, (int)started.StatusCode);
        var status = await ApiJson.WaitForJobAsync(client, (await ApiJson.ReadAsync(started))["jobId"]!.GetValue<string>(), s_jobTimeout);

        Assert.Equal((1L, 2L), (status["succeeded"]!.GetValue<long>(), status["failed"]!.GetValue<long>()));
        var reasons = status["recentFailures"]!.AsArray().ToDictionary(f => f!["path"]!.GetValue<string>(), f => f!["reason"]!.GetValue<string>());
        Assert.Contains("'out.wav' is a symbolic link", reasons["out.wav"], StringComparison.Ordinal);
        Assert.Contains("'outdir' is a symbolic link", reasons["outdir/secret.wav"], StringComparison.Ordinal);
        var listed = (await ApiJson.ReadAsync(await client.GetAsync("/v1/libraries/linked/samples")))["items"]!.AsArray();
        Assert.Equal("own.wav", Assert.Single(listed)!["relativePath"]!.GetValue<string>());
        Directory.Delete(outside, recursive: true);
    }

    [Fact]
    public async Task A_path_outside_the_tenants_roots_is_refused()
    {
        var outside = Directory.CreateTempSubdirectory("outside-").FullName;
        var client = factory.CreateAdminClient();

        var response = await client.PostAsJsonAsync("/v1/libraries/lib/ingests", new { source = new { kind = "directory", path = outside } });
        var traversal = await client.PostAsJsonAsync("/v1/libraries/lib/ingests",
            new { source = new { kind = "directory", path = Path.Combine(factory.IngestRoot, "..", "..") } });

        await ApiJson.AssertProblemAsync(response, 403);
        await ApiJson.AssertProblemAsync(traversal, 403);
        Directory.Delete(outside);
    }

    [Fact]
    public async Task Malformed_json_and_invalid_options_get_400_problems()
    {
        var client = factory.CreateAdminClient();

        var badJson = await client.PostAsync("/v1/libraries/lib/ingests", new StringContent("{\"source\": {", Encoding.UTF8, "application/json"));
        var badLevel = await client.PostAsJsonAsync("/v1/libraries/lib/ingests",
            new { source = new { kind = "directory", path = factory.IngestRoot }, level = "ultra", priority = 42 });
        var badLibrary = await client.PostAsJsonAsync("/v1/libraries/Not%20OK/ingests", new { source = new { kind = "directory", path = factory.IngestRoot } });
        var noSource = await client.PostAsJsonAsync("/v1/libraries/lib/ingests", new { level = "fast" });
        var nullLabel = await client.PostAsync("/v1/libraries/lib/ingests", new StringContent(
            $$"""{"source":{"kind":"directory","path":{{System.Text.Json.JsonSerializer.Serialize(factory.IngestRoot)}}},"labels":["drums",null]}""",
            Encoding.UTF8, "application/json"));

        var unknownOption = await client.PostAsync("/v1/libraries/lib/ingests", new StringContent(
            $$"""{"source":{"kind":"directory","path":{{System.Text.Json.JsonSerializer.Serialize(factory.IngestRoot)}}},"webhook":"https://example.com/hook"}""",
            Encoding.UTF8, "application/json"));

        await ApiJson.AssertProblemAsync(badJson, 400);
        Assert.Contains("'webhook'", (await ApiJson.AssertProblemAsync(unknownOption, 400))["detail"]!.GetValue<string>());
        var validation = await ApiJson.AssertProblemAsync(badLevel, 400);
        Assert.NotNull(validation["errors"]?["level"]);
        Assert.NotNull(validation["errors"]?["priority"]);
        await ApiJson.AssertProblemAsync(badLibrary, 400);
        await ApiJson.AssertProblemAsync(noSource, 400);
        Assert.NotNull((await ApiJson.AssertProblemAsync(nullLabel, 400))["errors"]?["labels"]);
    }

    [Fact]
    public async Task A_relative_directory_path_or_manifest_root_is_a_400_naming_the_field_and_starts_nothing()
    {
        var client = factory.CreateAdminClient();
        var folder = Folder("relative");
        WavWriter.Sine(Path.Combine(folder, "tone.wav"), 440, 0.5);
        // Before, resolved against the server's working directory: this one reached the folder and started a job.
        var fromWorkingDirectory = Path.GetRelativePath(Environment.CurrentDirectory, folder);
        var bodies = new (object Body, string Field)[]
        {
            (new { source = new { kind = "directory", path = fromWorkingDirectory } }, "source.path"),
            (new { source = new { kind = "directory", path = "odd/dup1" } }, "source.path"),
            (new { source = new { kind = "manifest", root = fromWorkingDirectory, files = new[] { "tone.wav" } } }, "source.root"),
        };

        foreach (var (body, field) in bodies)
        {
            var problem = await ApiJson.AssertProblemAsync(await client.PostAsJsonAsync("/v1/libraries/relative/ingests", body), 400);
            Assert.Contains("give an absolute path", Assert.Single(problem["errors"]![field]!.AsArray())!.GetValue<string>(), StringComparison.Ordinal);
        }

        var textManifest = new StringContent("tone.wav\n", Encoding.UTF8, "text/plain");
        var query = await ApiJson.AssertProblemAsync(
            await client.PostAsync($"/v1/libraries/relative/ingests?root={Uri.EscapeDataString(fromWorkingDirectory)}", textManifest), 400);
        Assert.NotNull(query["errors"]?["root"]);
        await AssertNoJobForAsync(client, "relative");
    }

    [Theory]
    [InlineData("", "Entry 2 of the manifest, '', is empty")]
    [InlineData("a\u0000b.wav", "Entry 2 of the manifest, 'aU+0000b.wav', holds a NUL character")]
    [InlineData("x/../y.wav", "Entry 2 of the manifest, 'x/../y.wav', has a '..' part")]
    public async Task A_bad_manifest_entry_is_named_with_what_is_wrong_with_it(string entry, string expected)
    {
        var client = factory.CreateAdminClient();
        var body = new { source = new { kind = "manifest", root = factory.IngestRoot, files = new[] { "a.wav", entry } } };

        var problem = await ApiJson.AssertProblemAsync(await client.PostAsJsonAsync("/v1/libraries/entries/ingests", body), 400);

        Assert.StartsWith(expected, Assert.Single(problem["errors"]!["source.files"]!.AsArray())!.GetValue<string>(), StringComparison.Ordinal);
        if (entry.Length == 0)
        {
            return; // a text manifest passes over blank lines
        }

        var text = new StringContent($"a.wav\n{entry}\n", Encoding.UTF8, "text/plain");
        var fromText = await client.PostAsync($"/v1/libraries/entries/ingests?root={Uri.EscapeDataString(factory.IngestRoot)}", text);
        Assert.Contains(expected, (await ApiJson.AssertProblemAsync(fromText, 400))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_source_with_the_other_kinds_fields_or_without_its_own_is_refused_and_starts_nothing()
    {
        var client = factory.CreateAdminClient();
        var root = factory.IngestRoot;
        var bodies = new (object Body, string Field)[]
        {
            // Before, the directory was ingested whole and 'files' silently dropped.
            (new { source = new { kind = "directory", path = root, files = new[] { "a.wav" } } }, "source.files"),
            (new { source = new { kind = "directory", path = root, root } }, "source.root"),
            (new { source = new { kind = "manifest", root, files = new[] { "a.wav" }, path = root } }, "source.path"),
            // Before, a 403 as if the path were outside the tenant's roots.
            (new { source = new { kind = "directory" } }, "source.path"),
            (new { source = new { kind = "manifest", files = new[] { "a.wav" } } }, "source.root"),
            (new { source = new { kind = "directory", path = root }, labels = new[] { "a\u0000b" } }, "labels"),
            // Before, the path became two lines of the stored manifest: two failed items, neither the file.
            (new { source = new { kind = "manifest", root, files = new[] { "a.wav", "new\nline.wav" } } }, "source.files"),
        };

        foreach (var (body, field) in bodies)
        {
            var problem = await ApiJson.AssertProblemAsync(await client.PostAsJsonAsync("/v1/libraries/shapes/ingests", body), 400);
            Assert.NotNull(problem["errors"]?[field]);
        }

        // Before, a 202 and a job of 0 files, where an upload without sample files is a 400.
        var noSamples = Folder("no-samples");
        Directory.CreateDirectory(Path.Combine(noSamples, "deep", "er"));
        await File.WriteAllTextAsync(Path.Combine(noSamples, "deep", "readme.txt"), "not audio");
        var noSampleFiles = await ApiJson.AssertProblemAsync(
            await client.PostAsJsonAsync("/v1/libraries/shapes/ingests", new { source = new { kind = "directory", path = noSamples } }), 400);
        var reason = Assert.Single(noSampleFiles["errors"]!["source.path"]!.AsArray())!.GetValue<string>();
        Assert.Contains("holds no sample files", reason, StringComparison.Ordinal);
        Assert.Contains(".wav", reason, StringComparison.Ordinal);
        WavWriter.Sine(Path.Combine(noSamples, "deep", "er", "tone.wav"), 440, 0.5);
        var found = await client.PostAsJsonAsync("/v1/libraries/shapes-found/ingests", new { source = new { kind = "directory", path = noSamples } });
        Assert.Equal(202, (int)found.StatusCode);
        await ApiJson.WaitForJobAsync(client, (await ApiJson.ReadAsync(found))["jobId"]!.GetValue<string>(), s_jobTimeout);

        var textManifest = new StringContent("a.wav\n", Encoding.UTF8, "text/plain");
        Assert.NotNull((await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/libraries/shapes/ingests", textManifest), 400))["errors"]?["root"]);
        // Before, a 202 and a job of 0 files.
        var emptyManifest = new StringContent("\n\n", Encoding.UTF8, "text/plain");
        var empty = await ApiJson.AssertProblemAsync(
            await client.PostAsync($"/v1/libraries/shapes/ingests?root={Uri.EscapeDataString(root)}", emptyManifest), 400);
        Assert.Contains("lists no files", empty["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertNoJobForAsync(client, "shapes");
    }

    [Fact]
    public async Task An_unknown_job_is_404()
    {
        var client = factory.CreateAdminClient();

        await ApiJson.AssertProblemAsync(await client.GetAsync("/v1/jobs/job-doesnotexist"), 404);
        await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/jobs/job-doesnotexist/pause", null), 404);
        await ApiJson.AssertProblemAsync(await client.GetAsync("/v1/samples/sdoesnotexist"), 404);
    }

    [Fact]
    public async Task A_zip_with_a_traversal_entry_is_rejected_and_a_clean_zip_is_ingested()
    {
        var client = factory.CreateAdminClient();
        var evil = Zip(("ok.wav", Tone(330)), ("../../escape.wav", Tone(330)));
        var clean = Zip(("kit/one.wav", Tone(330)), ("kit/two.wav", Tone(550)));

        var rejected = await client.PostAsync("/v1/libraries/uploads/ingests?level=fast", Content(evil, "application/zip"));
        var accepted = await client.PostAsync("/v1/libraries/uploads/ingests?level=fast", Content(clean, "application/zip"));

        var problem = await ApiJson.AssertProblemAsync(rejected, 400);
        Assert.Contains("escape.wav", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(202, (int)accepted.StatusCode);
        var jobId = (await ApiJson.ReadAsync(accepted))["jobId"]!.GetValue<string>();
        var status = await ApiJson.WaitForJobAsync(client, jobId, s_jobTimeout);
        Assert.Equal(2, status["succeeded"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_sample_ingested_at_level_fast_is_listed_and_counted_as_of_unknown_type()
    {
        var client = factory.CreateAdminClient();
        var folder = Path.Combine(factory.IngestRoot, "fast-type");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "tone.wav"), Tone(220));
        await ApiJson.WaitForJobAsync(client, await ApiJson.StartDirectoryIngestAsync(client, "fast-type", folder, "fast"), s_jobTimeout);

        var item = Assert.Single((await ApiJson.ReadAsync(await client.GetAsync("/v1/libraries/fast-type/samples")))["items"]!.AsArray())!;
        Assert.Equal("unknown", item["type"]!.GetValue<string>());
        Assert.Single((await ApiJson.ReadAsync(await client.GetAsync("/v1/libraries/fast-type/samples?type=unknown")))["items"]!.AsArray());
        Assert.Empty((await ApiJson.ReadAsync(await client.GetAsync("/v1/libraries/fast-type/samples?type=one-shot")))["items"]!.AsArray());
        var types = (await ApiJson.ReadAsync(await client.GetAsync("/v1/libraries/fast-type")))["types"]!.AsObject();
        Assert.Equal([("loop", 0L), ("one-shot", 0L), ("unknown", 1L)], types.Select(t => (t.Key, t.Value!.GetValue<long>())));

        // Before, a 200 with no hits and no reason: level fast computes no embedding to compare.
        var similar = await ApiJson.AssertProblemAsync(await client.GetAsync($"/v1/samples/{item["sampleId"]!.GetValue<string>()}/similar"), 409);
        Assert.Contains("level fast", similar["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_or_corrupt_file_in_an_upload_fails_its_own_item_named_by_its_path_in_the_upload()
    {
        var client = factory.CreateAdminClient();
        var files = new (string Name, byte[] Bytes)[] { ("kit/one.wav", Tone(330)), ("kit/empty.wav", []), ("kit/text.wav", "not audio"u8.ToArray()) };
        var multipart = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            multipart.Add(new ByteArrayContent(bytes), "files", name);
        }

        var uploads = new (string Library, HttpContent Body)[]
        {
            ("empty-tar", Content(Tar(files), "application/x-tar")),
            ("empty-zip", Content(Zip(files), "application/zip")),
            ("empty-multipart", multipart),
        };
        foreach (var (library, body) in uploads)
        {
            var response = await client.PostAsync($"/v1/libraries/{library}/ingests?level=fast", body);
            Assert.Equal(202, (int)response.StatusCode);
            var jobId = (await ApiJson.ReadAsync(response))["jobId"]!.GetValue<string>();
            var status = await ApiJson.WaitForJobAsync(client, jobId, s_jobTimeout);

            Assert.Equal(3, status["listed"]!.GetValue<long>());
            Assert.Equal(1, status["succeeded"]!.GetValue<long>());
            Assert.Equal(2, status["failed"]!.GetValue<long>());
            var failures = status["recentFailures"]!.AsArray().ToDictionary(f => f!["path"]!.GetValue<string>(), f => f!["reason"]!.GetValue<string>());
            Assert.Equal("Cannot decode 'kit/empty.wav': file is empty", failures["kit/empty.wav"]);
            Assert.StartsWith("Cannot decode 'kit/text.wav': ", failures["kit/text.wav"], StringComparison.Ordinal);
            Assert.All(failures.Values, reason => Assert.DoesNotContain(factory.Root, reason, StringComparison.Ordinal));
        }
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task A_named_pipe_in_a_folder_fails_its_own_item_without_being_opened_and_the_job_finishes()
    {
        // Opening a pipe for reading waits for a writer: the worker that opened it was held for good, and the job with it.
        var client = factory.CreateAdminClient();
        var folder = Path.Combine(factory.IngestRoot, "with-pipe");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "tone.wav"), Tone(220));
        await File.WriteAllBytesAsync(Path.Combine(folder, "empty.wav"), []);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", Path.Combine(folder, "pipe.wav")))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var status = await ApiJson.WaitForJobAsync(client, await ApiJson.StartDirectoryIngestAsync(client, "with-pipe", folder, "fast"), s_jobTimeout);

        Assert.Equal("Completed", status["state"]!.GetValue<string>());
        Assert.Equal(1, status["succeeded"]!.GetValue<long>());
        var failures = status["recentFailures"]!.AsArray().ToDictionary(f => f!["path"]!.GetValue<string>(), f => f!["reason"]!.GetValue<string>());
        Assert.Equal("'pipe.wav' is a named pipe, not a regular file: an ingest reads regular files only.", failures["pipe.wav"]);
        Assert.Equal("Cannot decode 'empty.wav': file is empty", failures["empty.wav"]);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task A_folder_in_a_manifest_and_a_name_that_is_not_utf8_fail_saying_so_not_that_the_file_is_missing()
    {
        var client = factory.CreateAdminClient();
        var folder = Path.Combine(factory.IngestRoot, "odd-entries");
        Directory.CreateDirectory(Path.Combine(folder, "kit.wav"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "tone.wav"), Tone(220));
        // A name with the byte 0xE9 (Latin-1 é), which .NET cannot write: made by the shell.
        var copy = new System.Diagnostics.ProcessStartInfo("bash", ["-c", "cp tone.wav $'caf\\xe9.wav'"]) { WorkingDirectory = folder };
        using (var cp = System.Diagnostics.Process.Start(copy)!)
        {
            await cp.WaitForExitAsync();
            Assert.Equal(0, cp.ExitCode);
        }

        var listed = await ApiJson.WaitForJobAsync(client, await ApiJson.StartDirectoryIngestAsync(client, "odd-entries", folder, "fast"), s_jobTimeout);
        var manifest = await client.PostAsJsonAsync("/v1/libraries/odd-entries-m/ingests",
            new { source = new { kind = "manifest", root = folder, files = new[] { "kit.wav", "tone.wav" } }, level = "fast" });
        Assert.Equal(202, (int)manifest.StatusCode);
        var named = await ApiJson.WaitForJobAsync(client, (await ApiJson.ReadAsync(manifest))["jobId"]!.GetValue<string>(), s_jobTimeout);

        Assert.Equal(1, listed["succeeded"]!.GetValue<long>());
        var odd = Assert.Single(listed["recentFailures"]!.AsArray())!;
        Assert.EndsWith(": the name is not valid UTF-8, and this server opens files by UTF-8 names only; rename the file.", odd["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, named["succeeded"]!.GetValue<long>());
        Assert.Equal("'kit.wav' is a folder, not a file.", Assert.Single(named["recentFailures"]!.AsArray())!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_tar_of_a_folder_written_from_inside_it_is_ingested_and_an_upload_without_sample_files_is_refused()
    {
        var client = factory.CreateAdminClient();
        var dotted = Tar(("./kit/one.wav", Tone(330)), ("./two.wav", Tone(550)));
        var noSamples = Tar(("notes.txt", "not a sample"u8.ToArray()), ("cover.png", [1, 2, 3]));
        var before = UploadFolders();

        // `tar cf x.tar -C dir .` names its entries "./..."; they were refused as unsafe.
        var accepted = await client.PostAsync("/v1/libraries/dotted/ingests?level=fast", Content(dotted, "application/x-tar"));
        // Before, a 202 and a job of 0 files.
        var refused = await ApiJson.AssertProblemAsync(
            await client.PostAsync("/v1/libraries/nosamples/ingests?level=fast", Content(noSamples, "application/x-tar")), 400);
        // An empty priority was taken as the default.
        var emptyPriority = await ApiJson.AssertProblemAsync(
            await client.PostAsync("/v1/libraries/nosamples/ingests?level=fast&priority=", Content(dotted, "application/x-tar")), 400);

        Assert.Equal(202, (int)accepted.StatusCode);
        var status = await ApiJson.WaitForJobAsync(client, (await ApiJson.ReadAsync(accepted))["jobId"]!.GetValue<string>(), s_jobTimeout);
        Assert.Equal(2, status["succeeded"]!.GetValue<long>());
        Assert.Contains("no sample files", refused["errors"]!["body"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(emptyPriority["errors"]?["priority"]);
        await AssertNoJobForAsync(client, "nosamples");
        Assert.Single(UploadFolders().Except(before));
    }

    [Fact]
    public async Task An_upload_holding_one_name_twice_gets_a_400_that_names_it_and_leaves_nothing()
    {
        var client = factory.CreateAdminClient();
        var form = new MultipartFormDataContent();
        foreach (var frequency in new[] { 330, 550 })
        {
            var part = new ByteArrayContent(Tone(frequency));
            part.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
            form.Add(part, "file", "x.wav");
        }

        var uploads = new (HttpContent Body, string Named)[]
        {
            (Content(Tar(("x.wav", Tone(330)), ("x.wav", Tone(550))), "application/x-tar"), "'x.wav' more than once"),
            (Content(Tar(("x.wav", Tone(330)), ("./x.wav", Tone(550))), "application/x-tar"), "'x.wav' more than once"),
            (Content(Tar(("a/b.wav", Tone(330)), ("a/b.wav/c.wav", Tone(550))), "application/x-tar"), "'a/b.wav' both as a file and as a folder"),
            (Content(Tar(("a/b.wav/c.wav", Tone(330)), ("a/b.wav", Tone(550))), "application/x-tar"), "'a/b.wav' both as a file and as a folder"),
            (Content(Zip(("kit/x.wav", Tone(330)), ("kit/x.wav", Tone(550))), "application/zip"), "'kit/x.wav' more than once"),
            (form, "'x.wav' more than once"),
        };
        var before = UploadFolders();

        foreach (var (body, named) in uploads)
        {
            // Before, a 500 (the second file's create failed) and the upload lost.
            var problem = await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/libraries/twice/ingests?level=fast", body), 400);
            Assert.Contains(named, problem["detail"]?.GetValue<string>() ?? problem.ToJsonString(), StringComparison.Ordinal);
        }

        await AssertNoJobForAsync(client, "twice");
        Assert.Empty(UploadFolders().Except(before));
    }

    [Fact]
    public async Task Corrupt_or_truncated_archives_and_multipart_bodies_get_400_problems_and_leave_nothing()
    {
        var client = factory.CreateAdminClient();
        var zip = Zip(("kit/one.wav", Tone(330)), ("kit/two.wav", Tone(550)));
        var tar = Tar(("one.wav", Tone(330)));
        var gzip = new MemoryStream();
        using (var compressor = new GZipStream(gzip, CompressionLevel.Fastest, leaveOpen: true))
        {
            compressor.Write(tar);
        }

        var bodies = new (byte[] Bytes, string MediaType)[]
        {
            ("PK\u0003\u0004 not a zip"u8.ToArray(), "application/zip"),
            (zip[..(zip.Length / 2)], "application/zip"),
            ("\u001f\u008b not gzip"u8.ToArray(), "application/gzip"),
            (gzip.ToArray()[..(int)(gzip.Length / 2)], "application/gzip"),
            (Enumerable.Repeat((byte)'x', 1024).ToArray(), "application/x-tar"),
            (tar[..300], "application/x-tar"),
            (tar[..1000], "application/x-tar"),
            ("--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.wav\"\r\n\r\nRIFF"u8.ToArray(), "multipart/form-data; boundary=b"),
            ("--b\r\nContent-Dispo"u8.ToArray(), "multipart/form-data; boundary=b"),
        };
        var before = UploadFolders();

        foreach (var (bytes, mediaType) in bodies)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.TryAddWithoutValidation("Content-Type", mediaType);
            var problem = await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/libraries/corrupt/ingests?level=fast", content), 400);
            Assert.StartsWith("The upload is not a valid", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Empty(UploadFolders().Except(before));
        await AssertNoJobForAsync(client, "corrupt");
    }

    [Fact]
    public async Task An_upload_with_a_misspelt_or_unparsable_option_is_refused_and_starts_nothing()
    {
        var client = factory.CreateAdminClient();
        var zip = Zip(("kit/one.wav", Tone(330)));
        var before = UploadFolders();

        // "labels" for "label": accepted, every sample would have gone without the caller's labels.
        var misspelt = await ApiJson.AssertProblemAsync(
            await client.PostAsync("/v1/libraries/options/ingests?level=fast&labels=drums", Content(zip, "application/zip")), 400);
        // A priority that is not a number was taken as the default 5.
        var unparsable = await ApiJson.AssertProblemAsync(
            await client.PostAsync("/v1/libraries/options/ingests?level=fast&priority=high", Content(zip, "application/zip")), 400);
        // A repeated option was read as its values joined by a comma: a webhook went to "https://a.example/x,https://b.example/y".
        var twice = await ApiJson.AssertProblemAsync(await client.PostAsync(
            "/v1/libraries/options/ingests?webhookUrl=https://a.example/x&webhookUrl=https://b.example/y", Content(zip, "application/zip")), 400);
        Assert.NotNull(twice["errors"]?["webhookUrl"]);
        var rootTwice = await ApiJson.AssertProblemAsync(await client.PostAsync(
            $"/v1/libraries/options/ingests?root={Uri.EscapeDataString(factory.IngestRoot)}&root=x", new StringContent("a.wav\n", Encoding.UTF8, "text/plain")), 400);
        Assert.NotNull(rootTwice["errors"]?["root"]);
        // Options an endpoint takes, in the wrong form: a JSON ingest's are in its body, 'root' is a text manifest's.
        var jsonWithQuery = await ApiJson.AssertProblemAsync(await client.PostAsJsonAsync("/v1/libraries/options/ingests?priority=9",
            new { source = new { kind = "directory", path = factory.IngestRoot } }), 400);
        await ApiJson.AssertProblemAsync(
            await client.PostAsync($"/v1/libraries/options/ingests?root={Uri.EscapeDataString(factory.IngestRoot)}", Content(zip, "application/zip")), 400);

        var detail = misspelt["detail"]!.GetValue<string>();
        Assert.Contains("'labels'", detail, StringComparison.Ordinal);
        Assert.Contains("label,", detail, StringComparison.Ordinal);
        Assert.NotNull(unparsable["errors"]?["priority"]);
        Assert.Contains("'priority'", jsonWithQuery["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(UploadFolders().Except(before));
        await AssertNoJobForAsync(client, "options");
    }

    [Fact]
    public async Task A_listing_refuses_a_filter_it_does_not_know_and_names_the_ones_it_does()
    {
        var client = factory.CreateAdminClient();

        var misspelt = await ApiJson.AssertProblemAsync(await client.GetAsync("/v1/libraries/lib/samples?bpm_min=120"), 400);
        var routeValue = await ApiJson.AssertProblemAsync(await client.GetAsync("/v1/libraries/lib/samples?libraryId=other"), 400);
        var otherCase = await client.GetAsync("/v1/libraries/lib/samples?BPMMIN=120&Tag=drums&tag=loops");
        var jobs = await ApiJson.AssertProblemAsync(await client.GetAsync("/v1/jobs?state=running"), 400);
        await ApiJson.AssertProblemAsync(await client.GetAsync("/v1/jobs?limit=0"), 400);
        await ApiJson.AssertProblemAsync(await client.GetAsync("/v1/jobs?limit=1001"), 400);
        Assert.Equal(200, (int)(await client.GetAsync("/v1/jobs?limit=1000")).StatusCode);

        var detail = misspelt["detail"]!.GetValue<string>();
        Assert.Contains("'bpm_min'", detail, StringComparison.Ordinal);
        Assert.Contains("bpmMin", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("libraryId", detail, StringComparison.Ordinal);
        Assert.Contains("'libraryId'", routeValue["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        // Taken: the listing ran and found no library "lib".
        Assert.Contains("holds no samples", (await ApiJson.AssertProblemAsync(otherCase, 404))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("'state'", jobs["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Samples_are_listed_with_filters_and_cursor_paging_and_their_audio_supports_ranges()
    {
        var dir = Folder("paging");
        for (var i = 0; i < 5; i++)
        {
            WavWriter.Sine(Path.Combine(dir, $"t{i}.wav"), 200 + (100 * i), 0.5 + i);
        }

        var client = factory.CreateAdminClient();
        var jobId = await ApiJson.StartDirectoryIngestAsync(client, "paging", dir);
        await ApiJson.WaitForJobAsync(client, jobId, s_jobTimeout);

        var first = await ApiJson.ReadAsync(await client.GetAsync("/v1/libraries/paging/samples?limit=2"));
        var second = await ApiJson.ReadAsync(await client.GetAsync($"/v1/libraries/paging/samples?limit=2&cursor={first["nextCursor"]}"));
        var longOnes = await ApiJson.ReadAsync(await client.GetAsync("/v1/libraries/paging/samples?durationMin=3"));
        Assert.Equal(2, first["items"]!.AsArray().Count);
        Assert.Equal(2, second["items"]!.AsArray().Count);
        Assert.DoesNotContain(second["items"]!.AsArray(), s => first["items"]!.AsArray().Any(f => f!["sampleId"]!.ToString() == s!["sampleId"]!.ToString()));
        Assert.Equal(2, longOnes["items"]!.AsArray().Count);
        foreach (var cursor in new[] { "", "garbage", first["nextCursor"]!.GetValue<string>()[..^1] })
        {
            var refused = await ApiJson.AssertProblemAsync(await client.GetAsync($"/v1/libraries/paging/samples?limit=2&cursor={cursor}"), 400);
            Assert.Contains("nextCursor", refused["detail"]!.GetValue<string>());
        }

        var sampleId = first["items"]![0]!["sampleId"]!.GetValue<string>();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/samples/{sampleId}/audio");
        request.Headers.Range = new RangeHeaderValue(0, 43);
        var partial = await client.SendAsync(request);
        Assert.Equal(206, (int)partial.StatusCode);
        Assert.Equal(44, (await partial.Content.ReadAsByteArrayAsync()).Length);
        var whole = await client.GetByteArrayAsync($"/v1/samples/{sampleId}/audio");
        var tail = new HttpRequestMessage(HttpMethod.Get, $"/v1/samples/{sampleId}/audio");
        tail.Headers.Range = new RangeHeaderValue(null, 10);
        Assert.Equal(whole[^10..], await (await client.SendAsync(tail)).Content.ReadAsByteArrayAsync());

        // Past the end, or an empty suffix: 416 with a problem and the length in Content-Range.
        foreach (var outside in new[] { new RangeHeaderValue(whole.Length, null), new RangeHeaderValue(null, 0) })
        {
            var beyond = new HttpRequestMessage(HttpMethod.Get, $"/v1/samples/{sampleId}/audio");
            beyond.Headers.Range = outside;
            var refused = await client.SendAsync(beyond);
            await ApiJson.AssertProblemAsync(refused, 416);
            Assert.Equal($"bytes */{whole.Length}", refused.Content.Headers.ContentRange?.ToString());
        }
        var record = await ApiJson.ReadAsync(await client.GetAsync($"/v1/samples/{sampleId}"));
        Assert.Equal(sampleId, record["sampleId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_sample_shows_its_server_path_for_a_folder_file_and_none_for_an_uploaded_file()
    {
        var dir = Folder("paths");
        var path = Path.Combine(dir, "tone.wav");
        WavWriter.Sine(path, 440, 1.0);
        var client = factory.CreateAdminClient();
        await ApiJson.WaitForJobAsync(client, await ApiJson.StartDirectoryIngestAsync(client, "paths", dir), s_jobTimeout);
        var form = new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(path)), "files", "kit/up.wav" } };
        var accepted = await client.PostAsync("/v1/libraries/paths-up/ingests?level=fast", form);
        Assert.Equal(202, (int)accepted.StatusCode);
        await ApiJson.WaitForJobAsync(client, (await ApiJson.ReadAsync(accepted))["jobId"]!.GetValue<string>(), s_jobTimeout);

        var fromFolder = await SingleSampleAsync(client, "paths");
        Assert.Equal(path, fromFolder["sourcePath"]!.GetValue<string>());
        Assert.False(fromFolder["uploaded"]!.GetValue<bool>());

        var uploadedId = (await SingleSampleAsync(client, "paths-up"))["sampleId"]!.GetValue<string>();
        var answer = await (await client.GetAsync($"/v1/samples/{uploadedId}")).Content.ReadAsStringAsync();
        var uploaded = JsonNode.Parse(answer)!;
        Assert.Null(uploaded["sourcePath"]);
        Assert.True(uploaded["uploaded"]!.GetValue<bool>());
        Assert.Equal("kit/up.wav", uploaded["relativePath"]!.GetValue<string>());
        var stored = await factory.StoredPathAsync(uploadedId);
        Assert.True(File.Exists(stored), "the server keeps the uploaded file");
        Assert.DoesNotContain(Path.GetDirectoryName(stored)!, answer, StringComparison.Ordinal);
    }

    private static async Task<JsonNode> SingleSampleAsync(HttpClient client, string libraryId)
    {
        var item = Assert.Single((await ApiJson.ReadAsync(await client.GetAsync($"/v1/libraries/{libraryId}/samples")))["items"]!.AsArray())!;
        return await ApiJson.ReadAsync(await client.GetAsync($"/v1/samples/{item["sampleId"]!.GetValue<string>()}"));
    }

    private static async Task<JsonNode> SampleAtAsync(HttpClient client, string libraryId, string path)
    {
        var items = (await ApiJson.ReadAsync(await client.GetAsync($"/v1/libraries/{libraryId}/samples")))["items"]!.AsArray();
        var item = Assert.Single(items, i => i!["relativePath"]!.GetValue<string>() == path)!;
        return await ApiJson.ReadAsync(await client.GetAsync($"/v1/samples/{item["sampleId"]!.GetValue<string>()}"));
    }

    [Fact]
    public async Task Audio_answers_head_and_checks_if_range_and_the_other_conditions_against_its_validators()
    {
        var dir = Folder("conditions");
        var path = Path.Combine(dir, "tone.wav");
        WavWriter.Sine(path, 440, 1.0);
        File.SetLastWriteTimeUtc(path, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        var client = factory.CreateAdminClient();
        await ApiJson.WaitForJobAsync(client, await ApiJson.StartDirectoryIngestAsync(client, "conditions", dir), s_jobTimeout);
        var sampleId = Assert.Single((await ApiJson.ReadAsync(await client.GetAsync("/v1/libraries/conditions/samples")))["items"]!.AsArray())!
            ["sampleId"]!.GetValue<string>();
        var url = $"/v1/samples/{sampleId}/audio";
        var length = new FileInfo(path).Length;

        async Task<HttpResponseMessage> SendAsync(HttpMethod method, params (string Name, string Value)[] headers)
        {
            var request = new HttpRequestMessage(method, url);
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            return await client.SendAsync(request);
        }

        var head = await SendAsync(HttpMethod.Head);
        Assert.Equal(200, (int)head.StatusCode);
        Assert.Equal(length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        var etag = head.Headers.ETag!.ToString();
        Assert.False(head.Headers.ETag.IsWeak);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), head.Content.Headers.LastModified);

        // If-Range naming this version: the range; another version (tag or date): the whole file, not a spliced part.
        Assert.Equal(206, (int)(await SendAsync(HttpMethod.Get, ("Range", "bytes=0-9"), ("If-Range", etag))).StatusCode);
        Assert.Equal(206, (int)(await SendAsync(HttpMethod.Get, ("Range", "bytes=0-9"), ("If-Range", "Fri, 02 Jan 2026 03:04:05 GMT"))).StatusCode);
        // So does one that is no validator at all: the right tag unquoted, a list, "*", a bare word.
        foreach (var other in new[] { "\"another\"", "Sat, 01 Jan 2000 00:00:00 GMT", etag.Trim('"'), $"{etag}, \"x\"", "*", "deadbeef" })
        {
            var whole = await SendAsync(HttpMethod.Get, ("Range", "bytes=0-9"), ("If-Range", other));
            Assert.Equal(200, (int)whole.StatusCode);
            Assert.Equal(length, (await whole.Content.ReadAsByteArrayAsync()).Length);
        }

        // A unit other than bytes is ignored (the whole file), even one whose numbers lie past the end.
        foreach (var range in new[] { "items=0-1", "foo=999999-" })
        {
            var whole = await SendAsync(HttpMethod.Get, ("Range", range));
            Assert.Equal(200, (int)whole.StatusCode);
            Assert.Equal(length, (await whole.Content.ReadAsByteArrayAsync()).Length);
        }

        Assert.Equal(304, (int)(await SendAsync(HttpMethod.Get, ("If-None-Match", etag))).StatusCode);
        // A client that has this version is told so before its range is looked at (RFC 9110 §13.2.2), even a range
        // past the end, named by tag or by date; another tag with that range is the 416.
        foreach (var validator in new[] { ("If-None-Match", etag), ("If-Modified-Since", "Fri, 02 Jan 2026 03:04:05 GMT") })
        {
            Assert.Equal(304, (int)(await SendAsync(HttpMethod.Get, validator, ("Range", $"bytes={length}-"))).StatusCode);
        }

        await ApiJson.AssertProblemAsync(await SendAsync(HttpMethod.Get, ("If-None-Match", "\"another\""), ("Range", $"bytes={length}-")), 416);
        Assert.Equal(200, (int)(await SendAsync(HttpMethod.Get, ("If-Match", etag))).StatusCode);
        // If-Match rules out If-Unmodified-Since (RFC 9110 §13.2.2): this version's tag with an older date is the file.
        var matched = await SendAsync(HttpMethod.Get, ("If-Match", etag), ("If-Unmodified-Since", "Sat, 01 Jan 2000 00:00:00 GMT"));
        Assert.Equal(200, (int)matched.StatusCode);
        Assert.Equal(length, (await matched.Content.ReadAsByteArrayAsync()).Length);
        // Every 412 is the documented problem: another tag, an older date, an If-Match that does not parse (this version's
        // tag unquoted, a bare word) and so matches nothing, with or without a date that alone would pass.
        foreach (var headers in new[]
        {
            new[] { ("If-Match", "\"another\"") },
            [("If-Unmodified-Since", "Sat, 01 Jan 2000 00:00:00 GMT")],
            [("If-Match", etag.Trim('"'))],
            [("If-Match", "garbage")],
            [("If-Match", "garbage"), ("If-Unmodified-Since", "Fri, 01 Jan 2100 00:00:00 GMT")],
        })
        {
            var failed = await ApiJson.AssertProblemAsync(await SendAsync(HttpMethod.Get, headers), 412);
            Assert.Equal("https://samplemind.dev/problems/precondition-failed", failed["type"]!.GetValue<string>());
        }

        // Rewritten in place within the same second, at the same length: another tag, so a range resumed with the old
        // one gets the new file whole.
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[^1] ^= 0x01;
        await File.WriteAllBytesAsync(path, bytes);
        File.SetLastWriteTimeUtc(path, new DateTime(2026, 1, 2, 3, 4, 5, 500, DateTimeKind.Utc));
        var rewritten = await SendAsync(HttpMethod.Head);
        Assert.Equal(head.Content.Headers.LastModified, rewritten.Content.Headers.LastModified);
        Assert.NotEqual(etag, rewritten.Headers.ETag!.ToString());
        var resumed = await SendAsync(HttpMethod.Get, ("Range", "bytes=0-9"), ("If-Range", etag));
        Assert.Equal(200, (int)resumed.StatusCode);
        Assert.Equal(bytes, await resumed.Content.ReadAsByteArrayAsync());
        // Nor does the date it was served under: it was modified within a second, which a date cannot tell apart.
        var byDate = await SendAsync(HttpMethod.Get, ("Range", "bytes=0-9"), ("If-Range", "Fri, 02 Jan 2026 03:04:05 GMT"));
        Assert.Equal(200, (int)byDate.StatusCode);
        Assert.Equal(bytes, await byDate.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Audio_whose_file_or_folder_became_a_symbolic_link_or_a_pipe_is_a_404_that_serves_nothing_from_elsewhere()
    {
        // A link put in place after the ingest led the endpoint to anything the server can read (/etc/passwd, the admin
        // key), and a pipe held the request until something wrote to it.
        var outside = Directory.CreateTempSubdirectory("outside-").FullName;
        var secret = "outside bytes the endpoint must not serve"u8.ToArray();
        await File.WriteAllBytesAsync(Path.Combine(outside, "secret.wav"), secret);
        await File.WriteAllBytesAsync(Path.Combine(outside, "a.wav"), secret);
        var dir = Folder("relinked");
        Directory.CreateDirectory(Path.Combine(dir, "kit"));
        WavWriter.Sine(Path.Combine(dir, "file.wav"), 330, 0.5);
        WavWriter.Sine(Path.Combine(dir, "kit", "a.wav"), 440, 0.5);
        WavWriter.Sine(Path.Combine(dir, "pipe.wav"), 550, 0.5);
        var client = factory.CreateAdminClient();
        await ApiJson.WaitForJobAsync(client, await ApiJson.StartDirectoryIngestAsync(client, "relinked", dir), s_jobTimeout);
        var ids = (await ApiJson.ReadAsync(await client.GetAsync("/v1/libraries/relinked/samples")))["items"]!.AsArray()
            .ToDictionary(s => s!["relativePath"]!.GetValue<string>(), s => s!["sampleId"]!.GetValue<string>());
        Assert.Equal(200, (int)(await client.GetAsync($"/v1/samples/{ids["kit/a.wav"]}/audio")).StatusCode);

        File.Move(Path.Combine(dir, "file.wav"), Path.Combine(dir, "file.old"));
        File.CreateSymbolicLink(Path.Combine(dir, "file.wav"), Path.Combine(outside, "secret.wav"));
        Directory.Move(Path.Combine(dir, "kit"), Path.Combine(dir, "kit.old"));
        Directory.CreateSymbolicLink(Path.Combine(dir, "kit"), outside);
        File.Delete(Path.Combine(dir, "pipe.wav"));
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", Path.Combine(dir, "pipe.wav")))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        foreach (var (path, reason) in new[] { ("file.wav", "'file.wav' is a symbolic link"), ("kit/a.wav", "'kit' is a symbolic link"), ("pipe.wav", "not a regular file") })
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
            {
                // A bound on a request that would wait on the pipe for good, so that it fails instead of hanging.
                using var hung = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                var request = new HttpRequestMessage(method, $"/v1/samples/{ids[path]}/audio");
                request.Headers.Range = new RangeHeaderValue(0, 9);
                var response = await client.SendAsync(request, hung.Token);
                var body = await response.Content.ReadAsStringAsync(hung.Token);
                Assert.DoesNotContain(Encoding.UTF8.GetString(secret), body, StringComparison.Ordinal);
                if (method == HttpMethod.Head)
                {
                    Assert.Equal(404, (int)response.StatusCode);
                    continue;
                }

                var problem = await ApiJson.AssertProblemAsync(response, 404);
                Assert.Equal("https://samplemind.dev/problems/not-found", problem["type"]!.GetValue<string>());
                Assert.Contains(reason, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
                Assert.DoesNotContain(outside, body, StringComparison.Ordinal);
            }
        }

        Directory.Delete(outside, recursive: true);
    }

    [Fact]
    public async Task A_key_filter_matches_the_key_in_any_spelling_and_filters_that_cannot_match_are_refused()
    {
        const int Rate = 22050;
        var chord = new float[Rate * 4]; // an A minor triad: A3, C4, E4
        foreach (var frequency in new[] { 220.0, 261.63, 329.63 })
        {
            for (var i = 0; i < chord.Length; i++)
            {
                chord[i] += (float)(0.2 * Math.Sin(2 * Math.PI * frequency * i / Rate));
            }
        }

        WavWriter.Write(Path.Combine(Folder("keys"), "triad.wav"), chord, Rate, 1);
        var client = factory.CreateAdminClient();
        await ApiJson.WaitForJobAsync(client, await ApiJson.StartDirectoryIngestAsync(client, "keys", Folder("keys"), "standard"), s_jobTimeout);
        var sample = Assert.Single((await ApiJson.ReadAsync(await client.GetAsync("/v1/libraries/keys/samples")))["items"]!.AsArray())!;
        var name = sample["key"]!.GetValue<string>(); // as analysis spelt it, e.g. "A minor"
        var camelot = sample["camelot"]!.GetValue<string>();
        var shortName = name.Split(' ')[0] + (name.EndsWith(" minor", StringComparison.Ordinal) ? "m" : "");
        var far = $"{(int.Parse(camelot[..^1], System.Globalization.CultureInfo.InvariantCulture) + 5) % 12 + 1}{camelot[^1]}"; // across the wheel

        async Task<int> CountAsync(string query)
        {
            var response = await client.GetAsync($"/v1/libraries/keys/samples?{query}");
            Assert.Equal(200, (int)response.StatusCode);
            return (await ApiJson.ReadAsync(response))["items"]!.AsArray().Count;
        }

        foreach (var spelling in new[] { name, name.ToUpperInvariant(), shortName, camelot })
        {
            Assert.Equal(1, await CountAsync($"key={Uri.EscapeDataString(spelling)}"));
        }

        Assert.Equal(0, await CountAsync($"key={far}"));
        Assert.Equal(1, await CountAsync($"key={camelot}&compatible={camelot}"));
        Assert.Equal(0, await CountAsync($"key={camelot}&compatible={far}"));
        Assert.Equal(1, await CountAsync("defect=-clipping"));

        // Each is a validation problem naming the field, as a search and similar samples answer (was bad-request without errors).
        foreach (var (refused, field) in new[]
                 {
                     ("key=H%20major", "key"), ("compatible=13C", "compatible"), ("bpmMin=140&bpmMax=120", "bpmMin"), ("bpmMin=-5", "bpmMin"),
                     ("durationMax=-1", "durationMin"), ("durationMin=NaN", "durationMin"), ("loudnessMax=Infinity", "loudnessMin"),
                     ("defect=clipng", "defect"), ("defect=-clipng", "defect"), ("tag=" + new string('t', 65), "tag"), ("tag=", "tag"),
                     ("tag=punchy,mono-compatible", "tag"), ("type=drum", "type"), ("tag=%00nonexistent", "tag"), ("tag=a%0Ab", "tag"),
                 })
        {
            var problem = await ApiJson.AssertProblemAsync(await client.GetAsync($"/v1/libraries/keys/samples?{refused}"), 400);
            Assert.Equal("https://samplemind.dev/problems/validation", problem["type"]!.GetValue<string>());
            Assert.NotNull(problem["errors"]?[field]);
        }

        // A search names the field in a validation problem (was a bad-request problem without errors).
        foreach (var (filters, field) in new (object, string)[]
                 {
                     (new { excludeDefects = new[] { "clipng" } }, "filters.excludeDefects"),
                     (new { bpmMin = 140, bpmMax = 120 }, "filters.bpmMin"),
                     (new { bpmMin = -5 }, "filters.bpmMin"),
                     (new { key = "H major" }, "filters.key"),
                     (new { type = "drum" }, "filters.type"),
                     (new { tags = new[] { "a\u0000" } }, "filters.tags"),
                 })
        {
            var problem = await ApiJson.AssertProblemAsync(await client.PostAsJsonAsync("/v1/search", new { text = "pad", filters }), 400);
            Assert.Equal("https://samplemind.dev/problems/validation", problem["type"]!.GetValue<string>());
            Assert.NotNull(problem["errors"]![field]);
        }
    }

    [Fact]
    public async Task Pause_stops_new_work_resume_finishes_and_events_end_with_the_final_state()
    {
        var dir = Folder("steer");
        for (var i = 0; i < 6; i++)
        {
            WavWriter.Sine(Path.Combine(dir, $"s{i}.wav"), 300 + (50 * i), 1.0);
        }

        var client = factory.CreateAdminClient();
        var jobId = await ApiJson.StartDirectoryIngestAsync(client, "steer", dir);
        var paused = await ApiJson.SteerAsync(client, jobId, "pause");
        Assert.Contains(paused, new[] { "Paused", "Completed" });
        var resumed = await ApiJson.SteerAsync(client, jobId, "resume");
        Assert.Contains(resumed, paused == "Paused" ? new[] { "Running", "Completed" } : ["Completed"]);

        var events = await client.GetStringAsync($"/v1/jobs/{jobId}/events");

        Assert.Contains("event: end", events, StringComparison.Ordinal);
        Assert.Contains("\"state\":\"Completed\"", events, StringComparison.Ordinal);
        var final = await ApiJson.ReadAsync(await client.GetAsync($"/v1/jobs/{jobId}"));
        Assert.Equal(6, final["succeeded"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_ended_job_cannot_be_steered_except_cancelling_a_cancelled_job_again()
    {
        var dir = Folder("ended");
        WavWriter.Sine(Path.Combine(dir, "one.wav"), 440, 0.5);
        var client = factory.CreateAdminClient();
        var completed = await ApiJson.StartDirectoryIngestAsync(client, "ended", dir);
        await ApiJson.WaitForJobAsync(client, completed, TimeSpan.FromSeconds(60));

        foreach (var verb in new[] { "pause", "resume", "cancel" })
        {
            var problem = await ApiJson.AssertProblemAsync(await client.PostAsync($"/v1/jobs/{completed}/{verb}", null), 409);
            Assert.Contains("has ended (Completed)", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        var cancelled = await ApiJson.StartDirectoryIngestAsync(client, "ended", dir);
        if (await ApiJson.SteerAsync(client, cancelled, "cancel") == "Cancelled")
        {
            Assert.Equal("Cancelled", await ApiJson.SteerAsync(client, cancelled, "cancel"));
            var problem = await ApiJson.AssertProblemAsync(await client.PostAsync($"/v1/jobs/{cancelled}/resume", null), 409);
            Assert.Contains("has ended (Cancelled)", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_resume_racing_a_cancel_is_never_a_200_for_the_ended_job()
    {
        var dir = Folder("race");
        for (var i = 0; i < 40; i++)
        {
            WavWriter.Sine(Path.Combine(dir, $"s{i}.wav"), 200 + (10 * i), 1.0);
        }

        var client = factory.CreateAdminClient();
        for (var round = 0; round < 5; round++)
        {
            var jobId = await ApiJson.StartDirectoryIngestAsync(client, $"race{round}", dir);
            Assert.Equal("Paused", await ApiJson.SteerAsync(client, jobId, "pause"));

            // Before, each request checked the state, then steered in a second call: a resume could see the job
            // running, the cancel land between, and the resume answer 200 with the cancelled job's status.
            var resumes = Enumerable.Range(0, 4).Select(_ => client.PostAsync($"/v1/jobs/{jobId}/resume", null)).ToList();
            var cancel = client.PostAsync($"/v1/jobs/{jobId}/cancel", null);
            resumes.AddRange(Enumerable.Range(0, 4).Select(_ => client.PostAsync($"/v1/jobs/{jobId}/resume", null)));

            var cancelled = await cancel;
            Assert.Equal(200, (int)cancelled.StatusCode);
            Assert.Equal("Cancelled", (await ApiJson.ReadAsync(cancelled))["state"]!.GetValue<string>());
            foreach (var resumed in await Task.WhenAll(resumes))
            {
                if ((int)resumed.StatusCode == 200)
                {
                    Assert.Equal("Running", (await ApiJson.ReadAsync(resumed))["state"]!.GetValue<string>());
                }
                else
                {
                    var problem = await ApiJson.AssertProblemAsync(resumed, 409);
                    Assert.Contains("has ended (Cancelled)", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
                }
            }
        }
    }

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(factory.IngestRoot, name)).FullName;

    /// <summary>
    /// The operator tenant's upload folders now (a folder each). Tests compare what a request added, not the count: another
    /// test's folder may go meanwhile (its job deletes the uploaded files it does not keep, and a folder they leave empty).
    /// </summary>
    private string[] UploadFolders()
    {
        var uploads = Path.Combine(factory.Root, "data", "uploads", "admin");
        return Directory.Exists(uploads) ? Directory.GetDirectories(uploads) : [];
    }

    private static async Task AssertNoJobForAsync(HttpClient client, string library)
    {
        var jobs = await ApiJson.ReadAsync(await client.GetAsync("/v1/jobs"));
        Assert.DoesNotContain(jobs["items"]!.AsArray(), j => j!["libraryId"]!.GetValue<string>() == library);
    }
}
