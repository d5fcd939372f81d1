using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace SampleMind.Cli.Commands;

/// <summary><c>samplemind jobs [ID] [--pause|--resume|--cancel]</c>: shows or steers ingest jobs.</summary>
internal static class JobsCommand
{
    public static Command Create()
    {
        var id = new Argument<string?>("id") { Description = "job id (omit to list recent jobs)", Arity = ArgumentArity.ZeroOrOne };
        Ids.Validate(id, "a job id");
        var pause = new Option<bool>("--pause") { Description = "pause the job" };
        var resume = new Option<bool>("--resume") { Description = "resume the job" };
        var cancel = new Option<bool>("--cancel") { Description = "cancel the job" };
        var json = CliOptions.Json("a table or a summary");
        var command = new Command("jobs", "list jobs, or show and steer one") { id, pause, resume, cancel, json };
        command.Validators.Add(result =>
        {
            var steers = new[] { pause, resume, cancel }.Where(o => result.GetValue(o)).Select(o => o.Name).ToList();
            if (steers.Count > 1)
            {
                result.AddError($"{string.Join(" and ", steers)} cannot go together: give one.");
            }
            else if (steers.Count == 1 && result.GetValue(id) is null)
            {
                result.AddError($"{steers[0]} needs a job id.");
            }
        });
        command.SetAction(async (result, ct) =>
        {
            using var api = CliOptions.CreateClient(result);
            var jobId = result.GetValue(id);
            if (jobId is null)
            {
                var answer = await api.GetForTextAsync("v1/jobs", ct);
                if (result.GetValue(json))
                {
                    Console.Out.WriteLine(answer);
                    return ExitCodes.Ok;
                }

                var jobs = Answer.Items(api.Parse(answer));
                var table = Terminal.NewTable("job", "library", "state", "done", "failed", "listed");
                foreach (var job in jobs)
                {
                    table.AddRow(
                        Terminal.Literal(job?["jobId"]), Terminal.Literal(job?["libraryId"]), Terminal.Literal(job?["state"]),
                        Terminal.Literal(job?["succeeded"]), Terminal.Literal(job?["failed"]), Terminal.Literal(job?["listed"]));
                }

                if (jobs.Count == 0)
                {
                    table.Caption = new TableTitle("no jobs");
                }

                AnsiConsole.Write(table);
                return ExitCodes.Ok;
            }

            var verb = result.GetValue(pause) ? "pause" : result.GetValue(resume) ? "resume" : result.GetValue(cancel) ? "cancel" : null;
            var path = $"v1/jobs/{Ids.Segment(jobId)}";
            var status = verb is null ? await api.GetForTextAsync(path, ct) : await api.PostForTextAsync($"{path}/{verb}", null, ct);
            if (result.GetValue(json))
            {
                Console.Out.WriteLine(status);
            }
            else
            {
                Print(api.Parse(status));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// A job's summary, its rate and audio duration to a tenth, then its recent failures; the API's text (ids, paths,
    /// reasons) as it is (<see cref="Terminal.Literal(JsonNode?)"/>).
    /// </summary>
    public static void Print(JsonNode status)
    {
        var grid = new Grid().AddColumns(2);
        foreach (var name in new[] { "jobId", "libraryId", "state", "listed", "succeeded", "duplicates", "failed" })
        {
            grid.AddRow(new Text(name), Terminal.Literal(status[name]));
        }

        grid.AddRow(new Text("filesPerSecond"), Tenths(status["filesPerSecond"]));
        grid.AddRow(new Text("audioSeconds"), Tenths(status["audioSeconds"]));
        AnsiConsole.Write(grid);
        foreach (var failure in status["recentFailures"] as JsonArray ?? [])
        {
            // String holes are escaped as markup; a JsonNode's would not be.
            AnsiConsole.MarkupLineInterpolated($"[red]failed[/] {Terminal.Clean(failure?["path"]?.ToString())}: {Terminal.Clean(failure?["reason"]?.ToString())}");
        }
    }

    private static Text Tenths(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<double>(out var number) ? new Text(number.ToString("0.0", CultureInfo.InvariantCulture)) : Terminal.Literal(node);
}
