using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace SampleMind.Cli.Commands;

/// <summary><c>samplemind libraries [ID] [--delete]</c>: the tenant's libraries, or what one library holds, or its deletion.</summary>
internal static class LibrariesCommand
{
    public static Command Create()
    {
        var id = new Argument<string?>("id") { Description = "library id (omit to list the libraries)", Arity = ArgumentArity.ZeroOrOne };
        Ids.Validate(id, "a library id");
        var delete = new Option<bool>("--delete") { Description = "delete the library: every sample of it (and the files its uploads brought)" };
        var json = CliOptions.Json("a table or a summary");
        var command = new Command("libraries", "list libraries, or show what one holds, or delete one") { id, delete, json };
        command.Validators.Add(result =>
        {
            if (result.GetValue(delete) && result.GetValue(id) is null)
            {
                result.AddError("--delete needs a library id.");
            }
        });
        command.SetAction(async (result, ct) =>
        {
            using var api = CliOptions.CreateClient(result);
            var libraryId = result.GetValue(id);
            var path = libraryId is null ? "v1/libraries" : $"v1/libraries/{Ids.Segment(libraryId)}";
            var answer = libraryId is not null && result.GetValue(delete) ? await api.DeleteForTextAsync(path, ct) : await api.GetForTextAsync(path, ct);
            if (result.GetValue(json))
            {
                Console.Out.WriteLine(answer);
                return ExitCodes.Ok;
            }

            if (libraryId is null)
            {
                var libraries = Answer.Items(api.Parse(answer));
                var table = Terminal.NewTable("library").AddColumn(new TableColumn("samples").RightAligned()).AddColumn(new TableColumn("audio").RightAligned());
                foreach (var library in libraries)
                {
                    table.AddRow(
                        Terminal.Literal(Answer.Text(library!, "libraryId")), new Text(Count(Answer.Whole(library!, "samples"))),
                        new Text(Duration(Answer.Number(library!, "audioSeconds"))));
                }

                if (libraries.Count == 0)
                {
                    table.Caption = new TableTitle("no libraries");
                }

                AnsiConsole.Write(table);
                return ExitCodes.Ok;
            }

            if (result.GetValue(delete))
            {
                Console.WriteLine($"deleted library {libraryId}: {Count(Answer.Whole(api.Parse(answer), "removed"))} samples");
                return ExitCodes.Ok;
            }

            Print(api.Parse(answer));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The most keys <see cref="Print"/> lists; a line says how many more there are.</summary>
    private const int ShownKeys = 10;

    /// <summary>
    /// Totals and ranges, then samples by type, key (the <see cref="ShownKeys"/> most common, and a line for the rest)
    /// and defect (those found).
    /// </summary>
    private static void Print(JsonNode overview)
    {
        var grid = new Grid().AddColumns(2);
        grid.AddRow(new Text("library"), Terminal.Literal(Answer.Text(overview, "libraryId")));
        grid.AddRow(new Text("samples"), new Text(Count(Answer.Whole(overview, "samples"))));
        grid.AddRow(new Text("duplicates"), new Text(Count(Answer.Whole(overview, "duplicates"))));
        grid.AddRow(new Text("audio"), new Text(Duration(Answer.Number(overview, "audioSeconds"))));
        grid.AddRow(new Text("bpm"), new Text(Range(overview["bpm"], "0.#")));
        grid.AddRow(new Text("loudness (LUFS)"), new Text(Range(overview["loudness"], "0.0")));
        AnsiConsole.Write(grid);

        var types = Terminal.NewTable("type", "samples");
        foreach (var (type, count) in overview["types"] as JsonObject ?? [])
        {
            types.AddRow(Terminal.Literal(type), Terminal.Literal(count));
        }

        var keys = Terminal.NewTable("key", "camelot", "samples");
        var allKeys = overview["keys"] as JsonArray ?? [];
        foreach (var key in allKeys.Take(ShownKeys))
        {
            keys.AddRow(Terminal.Literal(key?["key"]), Terminal.Literal(key?["camelot"]), Terminal.Literal(key?["samples"]));
        }

        keys.AddRow(new Markup("[grey]no key[/]"), new Text(""), Terminal.Literal(overview["withoutKey"]));
        var defects = Terminal.NewTable("defect", "samples");
        foreach (var (defect, count) in overview["defects"] as JsonObject ?? [])
        {
            if (count is JsonValue value && value.TryGetValue<long>(out var n) && n > 0)
            {
                defects.AddRow(Terminal.Literal(defect), new Text(Count(n)));
            }
        }

        AnsiConsole.Write(types);
        AnsiConsole.Write(keys);
        if (allKeys.Count > ShownKeys)
        {
            var rest = allKeys.Skip(ShownKeys).Sum(key => key is null ? 0 : Answer.Whole(key, "samples"));
            AnsiConsole.WriteLine($"{allKeys.Count - ShownKeys} more keys ({Count(rest)} samples) not shown; --json lists every key.");
        }

        AnsiConsole.Write(defects);
    }

    private static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    private static string Duration(double seconds) => TimeSpan.FromSeconds(Math.Round(seconds)).ToString(
        seconds >= 86_400 ? @"d\.hh\:mm\:ss" : @"hh\:mm\:ss", CultureInfo.InvariantCulture);

    private static string Range(JsonNode? range, string format) =>
        range is null
            ? "-"
            : $"{Answer.Number(range, "min").ToString(format, CultureInfo.InvariantCulture)} to {Answer.Number(range, "max").ToString(format, CultureInfo.InvariantCulture)}";
}
