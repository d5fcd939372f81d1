using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SampleMind.Api.Tests.Hosting;
using SampleMind.Audio;
using SampleMind.TestSupport;
using Xunit.Abstractions;

namespace SampleMind.Api.Tests.Search;

/// <summary>
/// A library shard on real samples: query by humming through the upload endpoint, duplicates with their offset, and
/// the shard reloaded from disk by a restarted host. Every test runs its own host on the fixture's data directory.
/// </summary>
public sealed class SearchShardTests(ApiFactory factory, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    private static readonly string[] s_melodic =
    [
        "blue/aya.wav", "dorkbot/1.wav", "em2/5.wav", "mash2/002_output3.wav", "trump/004_trumpfunk107a.wav",
        "num/05.wav", "num/18.wav", "jungbass/013_sub_to_open_wah.wav", "808bd/BD0000.WAV", "hh/000_hh3closedhh.wav",
    ];

    [SharedDataFact]
    public async Task A_hummed_melody_of_a_sample_finds_it_in_the_top_3_and_bad_hums_are_problems()
    {
        using var host = factory.WithWebHostBuilder(_ => { });
        using var client = factory.CreateAdminClient(host);
        var ids = await IngestAsync(client, "hum", s_melodic.Select(f => (f, f)));
        var analyzer = new AudioAnalyzer();
        var seed = 0;
        foreach (var (source, style) in new[]
        {
            ("blue/aya.wav", new HumRenderer.Style(Semitones: 4, Tempo: 1.15)),
            ("dorkbot/1.wav", new HumRenderer.Style(Semitones: -3, Tempo: 0.85)),
        })
        {
            var melody = analyzer.TrackMelodyFile(Path.Combine(RepoPaths.SamplesDev, source), 30);
            var hum = HumRenderer.Render(melody.Pitches, melody.FrameRate, style, 22050, seed++);
            var wav = Path.Combine(factory.Root, $"hum{seed}.wav");
            WavWriter.Write(wav, hum, 22050, 1);
            var response = await client.PostAsync("/v1/libraries/hum/search/humming?k=3", Audio(await File.ReadAllBytesAsync(wav)));
            Assert.Equal(200, (int)response.StatusCode);
            var hits = (await ApiJson.ReadAsync(response))["hits"]!.AsArray();
            output.WriteLine($"{source} {style}: {string.Join(" | ", hits.Select(h => h!["explanation"]!.GetValue<string>()))}");
            Assert.Contains(ids[source], hits.Select(h => h!["sampleId"]!.GetValue<string>()));
            Assert.Equal(source, hits.Single(h => h!["sampleId"]!.GetValue<string>() == ids[source])!["path"]!.GetValue<string>());
        }

        await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/libraries/hum/search/humming", Audio([])), 400);
        await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/libraries/hum/search/humming", Audio([.. Enumerable.Repeat((byte)7, 5000)])), 400);
        await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/libraries/hum/search/humming", Audio(new byte[(8 << 20) + 1])), 413);
        await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/libraries/none/search/humming", Audio([1])), 404);
        var noise = Path.Combine(factory.Root, "noise.wav");
        var random = new Random(3);
        WavWriter.Write(noise, [.. Enumerable.Range(0, 44100).Select(_ => (float)((random.NextDouble() * 0.6) - 0.3))], 22050, 1);
        await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/libraries/hum/search/humming", Audio(await File.ReadAllBytesAsync(noise))), 422);
    }

    [SharedDataFact]
    public async Task Copies_are_duplicates_with_their_offset_and_a_restarted_host_reloads_the_shard_and_answers_the_same()
    {
        const string original = "led/000_foo.wav";
        var decoded = new AudioDecoder().Decode(Path.Combine(RepoPaths.SamplesDev, original));
        var late = Path.Combine(factory.IngestRoot, "dups", "copies", "late.wav");
        var silence = decoded.SampleRate * decoded.Channels; // one second
        var shifted = new float[silence + decoded.Samples.Length];
        decoded.Samples.Span.CopyTo(shifted.AsSpan(silence));
        WavWriter.Write(late, shifted, decoded.SampleRate, decoded.Channels);
        var files = new[]
        {
            (original, original), (original, "copies/same.wav"), ("em2/5.wav", "em2/5.wav"), ("dorkbot/1.wav", "dorkbot/1.wav"),
            ("808bd/BD0000.WAV", "808bd/BD0000.WAV"), ("house/000_BD.wav", "short/kick.wav"), ("house/000_BD.wav", "short/kick-copy.wav"),
            ("jazz/003_HH.wav", "short/hat.wav"),
        };

        string before;
        var indexFile = Path.Combine(factory.Root, "data", "shards", "admin", "dups.idx");
        Dictionary<string, string> ids;
        using (var host = factory.WithWebHostBuilder(_ => { }))
        {
            using var client = factory.CreateAdminClient(host);
            ids = await IngestAsync(client, "dups", files, extra: ["copies/late.wav"]);
            var duplicates = (await ApiJson.ReadAsync(await client.GetAsync($"/v1/samples/{ids[original]}/duplicates")))["hits"]!.AsArray();
            output.WriteLine(string.Join(" | ", duplicates.Select(h => h!.ToJsonString())));
            var same = duplicates.Single(h => h!["sampleId"]!.GetValue<string>() == ids["copies/same.wav"])!;
            var shiftedHit = duplicates.Single(h => h!["sampleId"]!.GetValue<string>() == ids["copies/late.wav"])!;
            Assert.Equal(0, same["offsetSeconds"]!.GetValue<double>(), 0.15);
            Assert.Equal(("copies/same.wav", "copies/late.wav"), (same["path"]!.GetValue<string>(), shiftedHit["path"]!.GetValue<string>()));
            Assert.Equal(1.0, shiftedHit["offsetSeconds"]!.GetValue<double>(), 0.15);
            Assert.True(shiftedHit["score"]!.GetValue<double>() < 1, $"the shifted copy is not an exact match: {shiftedHit}");
            Assert.DoesNotContain(duplicates, h => h!["sampleId"]!.GetValue<string>() == ids["em2/5.wav"]);

            // A 0.29 s kick has too few fingerprint frames to compare: before, not even its byte-identical copy was found.
            var kick = (await ApiJson.ReadAsync(await client.GetAsync($"/v1/samples/{ids["short/kick.wav"]}/duplicates")))["hits"]!.AsArray();
            var copy = Assert.Single(kick)!;
            Assert.Equal(ids["short/kick-copy.wav"], copy["sampleId"]!.GetValue<string>());
            Assert.Equal((1.0, 0.0), (copy["score"]!.GetValue<double>(), copy["offsetSeconds"]!.GetValue<double>()));
            Assert.Equal("short/kick-copy.wav", copy["path"]!.GetValue<string>());
            before = await AnswersAsync(client, ids);
        }

        Assert.True(File.Exists(indexFile), $"the shard was saved to {indexFile}");
        using (var host = factory.WithWebHostBuilder(_ => { }))
        {
            using var client = factory.CreateAdminClient(host);
            Assert.Equal(before, await AnswersAsync(client, ids));
        }

        // The duplicate threshold is the setting's: at 1 only the byte-identical copy is a duplicate.
        using (var host = factory.WithWebHostBuilder(b => b.UseSetting("AudioAnalyzerOptions:DuplicateThreshold", "1")))
        {
            using var client = factory.CreateAdminClient(host);
            var strict = (await ApiJson.ReadAsync(await client.GetAsync($"/v1/samples/{ids[original]}/duplicates")))["hits"]!.AsArray();
            Assert.Equal([ids["copies/same.wav"]], strict.Select(h => h!["sampleId"]!.GetValue<string>()));
        }
    }

    private static ByteArrayContent Audio(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        return content;
    }

    /// <summary>Copies real samples into the library's ingest folder, ingests it at standard level; ids by relative path.</summary>
    private async Task<Dictionary<string, string>> IngestAsync(
        HttpClient client, string library, IEnumerable<(string Source, string Target)> files, string[]? extra = null)
    {
        var folder = Path.Combine(factory.IngestRoot, library);
        foreach (var (source, target) in files)
        {
            var path = Path.Combine(folder, target);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Copy(Path.Combine(RepoPaths.SamplesDev, source), path, overwrite: true);
        }

        var job = await ApiJson.StartDirectoryIngestAsync(client, library, folder, "standard");
        await ApiJson.WaitForJobAsync(client, job, TimeSpan.FromMinutes(5));
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var page = await ApiJson.ReadAsync(await client.GetAsync($"/v1/libraries/{library}/samples?limit=1000"));
        foreach (var item in page["items"]!.AsArray())
        {
            ids[item!["relativePath"]!.GetValue<string>()] = item["sampleId"]!.GetValue<string>();
        }

        Assert.Equal(files.Count() + (extra?.Length ?? 0), ids.Count);
        return ids;
    }

    /// <summary>What the shard answers: similar samples, a text search and duplicates, as JSON text.</summary>
    private static async Task<string> AnswersAsync(HttpClient client, Dictionary<string, string> ids)
    {
        var answers = new JsonArray();
        foreach (var id in ids.Values.Order(StringComparer.Ordinal))
        {
            answers.Add(await ApiJson.ReadAsync(await client.GetAsync($"/v1/samples/{id}/similar?k=3")));
            answers.Add(await ApiJson.ReadAsync(await client.GetAsync($"/v1/samples/{id}/duplicates")));
        }

        answers.Add(await ApiJson.ReadAsync(await client.PostAsJsonAsync("/v1/libraries/dups/search", new { text = "foo", k = 5 })));
        return answers.ToJsonString();
    }
}
