using System.Net.Http.Headers;
using System.Net.Http.Json;
using SampleMind.Api.Tests.Hosting;
using SampleMind.TestSupport;
using Xunit.Abstractions;

namespace SampleMind.Api.Tests.Search;

/// <summary>Search over real samples (shared data): similar-sample precision by folder class and text queries.</summary>
public sealed class SearchRealDataTests(ApiFactory factory, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    private static readonly string[] s_folders =
    [
        "808hc", "808ht", "808lc", "808mt", "808oh", "tink", "bass2", "cr", "hardkick", "hc", "linnhats", "perc",
        "simplesine", "sundance", "armora", "techno", "house", "jazz", "noise2", "birds", "popkick", "wind", "arpy",
        "hh", "jvbass",
    ];

    [SharedDataFact]
    public async Task Similar_samples_come_from_the_query_folder_far_more_often_than_chance_and_text_finds_classes()
    {
        using var host = factory.WithWebHostBuilder(b => b.UseSetting("Ingest:Roots:admin:1", RepoPaths.SamplesDev));
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(factory.AdminKeyFile)).Trim());
        var files = s_folders.SelectMany(f => Directory.GetFiles(Path.Combine(RepoPaths.SamplesDev, f)))
            .Select(p => Path.GetRelativePath(RepoPaths.SamplesDev, p).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        var start = await client.PostAsJsonAsync("/v1/libraries/dev/ingests",
            new { source = new { kind = "manifest", root = RepoPaths.SamplesDev, files }, level = "standard" });
        Assert.Equal(202, (int)start.StatusCode);
        var job = (await ApiJson.ReadAsync(start))["jobId"]!.GetValue<string>();
        await ApiJson.WaitForJobAsync(client, job, TimeSpan.FromSeconds(120));

        var folderOf = await FolderBySampleAsync(client);
        Assert.True(folderOf.Count >= files.Count * 9 / 10, $"{folderOf.Count} of {files.Count} samples are searchable");
        var (precision, baseline) = await PrecisionAtFiveAsync(client, folderOf);
        output.WriteLine($"precision@5 {precision:0.000} over {folderOf.Count} samples; random baseline {baseline:0.000}");
        Assert.True(precision >= 2 * baseline, $"precision@5 {precision:0.000} is at least twice the baseline {baseline:0.000}");

        await AssertTextFindsAsync(client, "kick", folder => folder.Contains("kick", StringComparison.Ordinal) || folder == "808bd");
        await AssertTextFindsAsync(client, "hihat", folder => folder.Contains("hh", StringComparison.Ordinal) || folder.Contains("hat", StringComparison.Ordinal) || folder == "808oh");
        var used = folderOf.First(p => p.Value == "hardkick").Key;
        var recommend = await client.PostAsJsonAsync("/v1/libraries/dev/recommendations", new { key = "F minor", bpm = 140, sampleIds = new[] { used } });
        var suggestions = (await ApiJson.ReadAsync(recommend))["suggestions"]!.AsArray();
        output.WriteLine($"recommendations: {string.Join(" | ", suggestions.Select(s => s!["why"]!.GetValue<string>()))}");
        Assert.NotEmpty(suggestions);
        Assert.All(suggestions, s => Assert.False(string.IsNullOrWhiteSpace(s!["why"]!.GetValue<string>())));
        Assert.DoesNotContain(suggestions, s => s!["sampleId"]!.GetValue<string>() == used);

        await AssertTextFindsAsync(client, "bass", folder => folder.Contains("bass", StringComparison.Ordinal));
        await AssertTempoFiltersAreTakenAsGivenAsync(client);
    }

    /// <summary>
    /// A search's filters.bpmMin takes the range as given, as the library listing does: before, it widened it by 2 % and
    /// accepted half and double tempo, so bpmMin 160 found a loop at 78.6 BPM; halfDouble asks for those.
    /// </summary>
    private async Task AssertTempoFiltersAreTakenAsGivenAsync(HttpClient client)
    {
        var tempo = new Dictionary<string, double>(StringComparer.Ordinal);
        var page = await ApiJson.ReadAsync(await client.GetAsync("/v1/libraries/dev/samples?limit=1000"));
        Assert.Null(page["nextCursor"]);
        foreach (var item in page["items"]!.AsArray())
        {
            if (item!["bpm"]?.GetValue<double>() is { } bpm)
            {
                tempo[item["sampleId"]!.GetValue<string>()] = bpm;
            }
        }

        // A threshold between two listed tempos (clear of their rounding) whose half is clear of every tempo too, with
        // samples at half tempo below it, and few enough samples at or above its half for one page of hits.
        var values = tempo.Values.Distinct().Order().ToList();
        var threshold = values.Zip(values.Skip(1), (low, high) => (low + high) / 2)
            .Where(t => values.All(v => Math.Abs(v - t) > 0.2 && Math.Abs(v - (t / 2)) > 0.2))
            .Where(t => tempo.Values.Count(v => v >= t / 2) <= 100 && tempo.Values.Any(v => v >= t / 2 && v < t))
            .Order().First();
        output.WriteLine($"tempo threshold {threshold:0.0} over {tempo.Count} samples with a tempo");

        async Task<string[]> HitsAsync(object filters) =>
        [
            .. (await ApiJson.ReadAsync(await client.PostAsJsonAsync("/v1/libraries/dev/search", new { filters, k = 100 })))["hits"]!
                .AsArray().Select(h => h!["sampleId"]!.GetValue<string>()).Order(StringComparer.Ordinal),
        ];

        Assert.Equal(tempo.Where(t => t.Value >= threshold).Select(t => t.Key).Order(StringComparer.Ordinal), await HitsAsync(new { bpmMin = threshold }));
        Assert.Equal(
            tempo.Where(t => t.Value >= threshold / 2).Select(t => t.Key).Order(StringComparer.Ordinal),
            await HitsAsync(new { bpmMin = threshold, halfDouble = true }));
        var slow = await HitsAsync(new { bpmMax = threshold });
        Assert.NotEmpty(slow);
        Assert.All(slow, id => Assert.True(tempo.GetValueOrDefault(id, double.NaN) <= threshold, $"{id} at {tempo.GetValueOrDefault(id)} BPM is over {threshold}"));

        var anyLoop = tempo.Keys.First();
        var similar = (await ApiJson.ReadAsync(await client.GetAsync(
            $"/v1/samples/{anyLoop}/similar?k=100&bpmMin={threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}")))["hits"]!.AsArray();
        Assert.All(similar, h => Assert.True(tempo.GetValueOrDefault(h!["sampleId"]!.GetValue<string>(), double.NaN) >= threshold));
    }

    private static async Task<Dictionary<string, string>> FolderBySampleAsync(HttpClient client)
    {
        var folderOf = new Dictionary<string, string>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var page = await ApiJson.ReadAsync(await client.GetAsync($"/v1/libraries/dev/samples?limit=1000{(cursor is null ? "" : "&cursor=" + cursor)}"));
            foreach (var item in page["items"]!.AsArray())
            {
                var path = item!["relativePath"]!.GetValue<string>();
                folderOf[item["sampleId"]!.GetValue<string>()] = path[..path.IndexOf('/', StringComparison.Ordinal)];
            }

            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        return folderOf;
    }

    private static async Task<(double Precision, double Baseline)> PrecisionAtFiveAsync(HttpClient client, Dictionary<string, string> folderOf)
    {
        var sizes = folderOf.Values.GroupBy(f => f).ToDictionary(g => g.Key, g => g.Count());
        double hits = 0, chance = 0;
        foreach (var (sampleId, folder) in folderOf)
        {
            var similar = (await ApiJson.ReadAsync(await client.GetAsync($"/v1/samples/{sampleId}/similar?k=5")))["hits"]!.AsArray();
            hits += similar.Count(h => folderOf.GetValueOrDefault(h!["sampleId"]!.GetValue<string>()) == folder) / 5.0;
            chance += (sizes[folder] - 1) / (double)(folderOf.Count - 1);
        }

        return (hits / folderOf.Count, chance / folderOf.Count);
    }

    private async Task AssertTextFindsAsync(HttpClient client, string text, Func<string, bool> matches)
    {
        var response = await client.PostAsJsonAsync("/v1/libraries/dev/search", new { text, k = 5 });
        Assert.Equal(200, (int)response.StatusCode);
        var hits = (await ApiJson.ReadAsync(response))["hits"]!.AsArray();
        var paths = new List<string>();
        foreach (var hit in hits)
        {
            var record = await ApiJson.ReadAsync(await client.GetAsync($"/v1/samples/{hit!["sampleId"]!.GetValue<string>()}"));
            paths.Add(record["relativePath"]!.GetValue<string>());
        }

        output.WriteLine($"'{text}': {string.Join(", ", paths)} ({string.Join(" | ", hits.Select(h => h!["explanation"]!.GetValue<string>()))})");
        var good = paths.Count(p => matches(p[..p.IndexOf('/', StringComparison.Ordinal)]));
        Assert.True(paths.Count > 0 && (matches(paths[0][..paths[0].IndexOf('/', StringComparison.Ordinal)]) || good * 2 > paths.Count),
            $"'{text}' ranks a matching folder first or in most of the top 5: {string.Join(", ", paths)}");
    }
}
