using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace SampleMind.Cli.Commands;

/// <summary><c>samplemind ingest DIR --library ID</c>: starts a directory ingest and follows it with a progress bar.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "server-side directory inside the tenant's ingest root" };
        var library = new Option<string>("--library") { Description = "library id", DefaultValueFactory = _ => "default" };
        var level = new Option<string>("--level") { Description = "fast | standard | full", DefaultValueFactory = _ => "standard" };
        var priority = new Option<int>("--priority") { Description = "0 (lowest) to 9", DefaultValueFactory = _ => 5 };
        var label = new Option<string[]>("--label") { Description = "labels for every sample of this ingest", AllowMultipleArgumentsPerToken = true };
        var noWait = new Option<bool>("--no-wait") { Description = "print the job id and return at once" };
        var command = new Command("ingest", "ingest a directory of samples into a library") { dir, library, level, priority, label, noWait };
        command.SetAction(async (result, ct) =>
        {
            using var api = CliOptions.CreateClient(result);
            var body = new JsonObject
            {
                ["source"] = new JsonObject { ["kind"] = "directory", ["path"] = Path.GetFullPath(result.GetValue(dir)!) },
                ["level"] = result.GetValue(level),
                ["priority"] = result.GetValue(priority),
                ["labels"] = new JsonArray([.. (result.GetValue(label) ?? []).Select(l => (JsonNode?)l)]),
            };
            var job = await api.PostAsync($"v1/libraries/{Uri.EscapeDataString(result.GetValue(library)!)}/ingests", body, ct);
            var jobId = job["jobId"]!.GetValue<string>();
            AnsiConsole.MarkupLineInterpolated($"job [bold]{jobId}[/] started");
            if (result.GetValue(noWait))
            {
                return 0;
            }

            var final = await FollowAsync(api, jobId, ct);
            JobsCommand.Print(final);
            return final["failed"]!.GetValue<long>() > 0 ? 2 : 0;
        });
        return command;
    }

    /// <summary>Polls the job until it ends, drawing a progress bar of finished / listed files.</summary>
    public static async Task<JsonNode> FollowAsync(ApiClient api, string jobId, CancellationToken cancellationToken)
    {
        JsonNode status = new JsonObject();
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var bar = ctx.AddTask("analysing", maxValue: 1);
                while (true)
                {
                    status = await api.GetAsync($"v1/jobs/{jobId}", cancellationToken);
                    var done = status["succeeded"]!.GetValue<long>() + status["failed"]!.GetValue<long>();
                    bar.MaxValue = Math.Max(1, status["listed"]!.GetValue<long>());
                    bar.Value = done;
                    bar.Description = $"{done}/{status["listed"]} files, {status["filesPerSecond"]!.GetValue<double>():0.0}/s";
                    var state = status["state"]!.GetValue<string>();
                    if (state is "Completed" or "Cancelled")
                    {
                        bar.StopTask();
                        return;
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
                }
            });
        return status;
    }
}
