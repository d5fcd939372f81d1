extern alias cli;

using System.Text.Json.Nodes;
using cli::SampleMind.Cli;
using cli::SampleMind.Cli.Commands;
using SampleMind.Api.Tests.Hosting;
using SampleMind.TestSupport;
using Spectre.Console;

namespace SampleMind.Api.Tests.Cli;

/// <summary>The CLI's <c>search</c> command against a real API host: library and tenant-wide search, the table it prints.</summary>
public sealed class CliSearchTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Search_finds_the_librarys_samples_and_prints_one_row_per_hit()
    {
        var dir = Directory.CreateDirectory(Path.Combine(factory.IngestRoot, "cli-search")).FullName;
        for (var i = 0; i < 3; i++)
        {
            WavWriter.Sine(Path.Combine(dir, $"tone{i}.wav"), 220 * (i + 1), 1.5);
        }

        using var http = factory.CreateAdminClient();
        var jobId = await ApiJson.StartDirectoryIngestAsync(http, "cli-search", dir, level: "standard");
        var status = await ApiJson.WaitForJobAsync(http, jobId, TimeSpan.FromSeconds(90));
        Assert.Equal(3, status["succeeded"]!.GetValue<long>());
        using var api = new ApiClient(factory.CreateAdminClient());

        var inLibrary = JsonNode.Parse(await SearchCommand.RunAsync(api, "tone", "cli-search", 2, CancellationToken.None))!;
        var everywhere = JsonNode.Parse(await SearchCommand.RunAsync(api, "tone", null, 10, CancellationToken.None))!;

        var hits = inLibrary["hits"]!.AsArray();
        Assert.Equal(2, hits.Count);
        Assert.All(hits, h => Assert.Equal("cli-search", h!["libraryId"]!.GetValue<string>()));
        Assert.All(hits, h => Assert.Matches("^tone[0-2]\\.wav$", h!["path"]!.GetValue<string>()));
        Assert.Equal(3, everywhere["hits"]!.AsArray().Count(h => h!["libraryId"]!.GetValue<string>() == "cli-search"));
        var printed = Render(SearchCommand.ToTable(inLibrary));
        foreach (var hit in hits)
        {
            Assert.Contains(hit!["sampleId"]!.GetValue<string>(), printed, StringComparison.Ordinal);
            Assert.Contains(hit["path"]!.GetValue<string>(), printed, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Search_of_an_unknown_library_is_an_error_naming_the_problem()
    {
        using var api = new ApiClient(factory.CreateAdminClient());

        var error = await Assert.ThrowsAsync<ApiException>(() => SearchCommand.RunAsync(api, "kick", "no-such-library", 5, CancellationToken.None));

        Assert.Equal(404, error.Status);
        Assert.Contains("no-such-library", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_answer_prints_a_table_that_says_so() =>
        Assert.Contains("no hits", Render(SearchCommand.ToTable(new JsonObject { ["hits"] = new JsonArray() })), StringComparison.Ordinal);

    private static string Render(Table table)
    {
        var output = new StringWriter();
        Terminal.Plain(output).Write(table);
        return output.ToString();
    }
}
