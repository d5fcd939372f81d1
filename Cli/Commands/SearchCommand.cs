using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace SampleMind.Cli.Commands;

/// <summary>
/// <c>samplemind search "dark kick 140 bpm" [--library ID] [--limit N] [--json]</c>: a text search of
/// one library (<c>POST /v1/libraries/{id}/search</c>) or of every library of the tenant
/// (<c>POST /v1/search</c>), printed as a table of hits, best first, or as the API's JSON.
/// </summary>
internal static class SearchCommand
{
    /// <summary>The most hits the API returns for one search.</summary>
    public const int MaxLimit = 100;

    public static Command Create()
    {
        var text = new Argument<string>("query") { Description = "the search text (see docs/search-query-language.md)" };
        var library = new Option<string?>("--library", "-l") { Description = "library id (omit to search every library of the tenant)" };
        Ids.Validate(library, "a library id");
        var limit = new Option<int>("--limit", "-n")
        {
            Description = $"how many hits (1-{MaxLimit})",
            DefaultValueFactory = _ => 10,
            CustomParser = result =>
            {
                if (int.TryParse(result.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxLimit)
                {
                    return n;
                }

                result.AddError($"--limit must be a whole number from 1 to {MaxLimit}; it is '{result.Tokens[0].Value}'.");
                return 0;
            },
        };
        var json = CliOptions.Json("a table");
        var command = new Command("search", "search samples by text") { text, library, limit, json };
        command.SetAction(async (result, ct) =>
        {
            using var api = CliOptions.CreateClient(result);
            var answer = await RunAsync(api, result.GetValue(text)!, result.GetValue(library), result.GetValue(limit), ct);
            if (result.GetValue(json))
            {
                Console.Out.WriteLine(answer);
            }
            else
            {
                AnsiConsole.Write(ToTable(api.Parse(answer)));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Runs the search: the library's endpoint when <paramref name="library"/> is given, else the tenant-wide one; returns
    /// the answer's JSON as the API sent it.
    /// </summary>
    public static Task<string> RunAsync(ApiClient api, string text, string? library, int limit, CancellationToken cancellationToken)
    {
        var path = library is null ? "v1/search" : $"v1/libraries/{Ids.Segment(library)}/search";
        return api.PostForTextAsync(path, new JsonObject { ["text"] = text, ["k"] = limit }, cancellationToken);
    }

    /// <summary>One row per hit: rank, sample, its path in its library, library, score and why it matched.</summary>
    public static Table ToTable(JsonNode answer)
    {
        var table = Terminal.NewTable("#", "sample", "path", "library", "score", "why");
        var rank = 0;
        foreach (var hit in answer["hits"] as JsonArray ?? [])
        {
            rank++;
            var score = hit?["score"] is JsonValue scored && scored.TryGetValue<double>(out var number) ? number : 0;
            table.AddRow(
                new Text(rank.ToString(CultureInfo.InvariantCulture)),
                Terminal.Literal(hit?["sampleId"]),
                Terminal.Literal(hit?["path"]),
                Terminal.Literal(hit?["libraryId"]),
                new Text(score.ToString("0.000", CultureInfo.InvariantCulture)),
                Terminal.Literal(hit?["explanation"]));
        }

        if (rank == 0)
        {
            table.Caption = new TableTitle("no hits");
        }

        return table;
    }
}
