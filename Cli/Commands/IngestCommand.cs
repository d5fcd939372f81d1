using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace SampleMind.Cli.Commands;

/// <summary>
/// <c>samplemind ingest DIR --library ID</c>: starts an ingest of a directory on the server, or with <c>--upload</c> sends a
/// folder of this machine (<see cref="FolderUpload"/>), and follows the job with a progress bar.
/// </summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("dir")
        {
            Description = "directory on the server, inside the tenant's ingest root: an absolute path (a relative one is taken from this " +
                "working directory, and only for an --api on this machine); with --upload: a folder on this machine",
        };
        dir.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is "")
            {
                result.AddError("the directory to ingest must not be empty.");
            }
        });
        var library = new Option<string>("--library") { Description = "library id", DefaultValueFactory = _ => "default" };
        Ids.Validate(library, "a library id");
        var level = new Option<string>("--level") { Description = "fast | standard | full", DefaultValueFactory = _ => "standard" };
        level.AcceptOnlyFromAmong("fast", "standard", "full");
        var priority = new Option<int>("--priority")
        {
            Description = "0 (lowest) to 9",
            DefaultValueFactory = _ => 5,
            CustomParser = result =>
            {
                if (int.TryParse(result.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= 9)
                {
                    return n;
                }

                result.AddError($"--priority must be a whole number from 0 to 9; it is '{result.Tokens[0].Value}'.");
                return 0;
            },
        };
        var label = new Option<string[]>("--label") { Description = "a label for every sample of this ingest; repeat it for more (--label drums --label 808)" };
        var upload = new Option<bool>("--upload") { Description = "send the folder's sample files from this machine (one streamed tar) instead of naming a directory on the server" };
        var noWait = new Option<bool>("--no-wait") { Description = "print the job id alone (J=$(samplemind ingest ... --no-wait)) and return at once" };
        var json = CliOptions.Json("the job id (with --no-wait)");
        var command = new Command("ingest", "ingest a directory of samples into a library") { dir, library, level, priority, label, upload, noWait, json };
        command.Validators.Add(result =>
        {
            if (result.GetValue(json) && !result.GetValue(noWait))
            {
                result.AddError("--json needs --no-wait (following a job draws a progress bar and a summary; see the job's JSON with: samplemind jobs ID --json).");
            }
        });
        command.SetAction(async (result, ct) =>
        {
            using var api = CliOptions.CreateClient(result);
            var libraryId = result.GetValue(library)!;
            var labels = result.GetValue(label) ?? [];
            var (folder, levelName, priorityValue) = (result.GetValue(dir)!, result.GetValue(level)!, result.GetValue(priority));
            string answer;
            if (!result.GetValue(upload))
            {
                answer = await api.PostOnceForTextAsync($"v1/libraries/{Ids.Segment(libraryId)}/ingests", new JsonObject
                {
                    ["source"] = new JsonObject { ["kind"] = "directory", ["path"] = ServerPath(folder, api.Address) },
                    ["level"] = levelName,
                    ["priority"] = priorityValue,
                    ["labels"] = new JsonArray([.. labels.Select(l => (JsonNode?)l)]),
                }, ct);
            }
            else
            {
                // With --json, standard output carries the answer alone: no progress bar.
                answer = result.GetValue(json)
                    ? await UploadAsync(api, libraryId, folder, levelName, priorityValue, labels, null, ct)
                    : await UploadWithProgressAsync(api, libraryId, folder, levelName, priorityValue, labels, ct);
            }
            if (result.GetValue(json))
            {
                Console.Out.WriteLine(answer);
                return ExitCodes.Ok;
            }

            var jobId = Answer.Text(api.Parse(answer), "jobId");
            var shown = Terminal.Clean(jobId);
            if (result.GetValue(noWait))
            {
                // The id alone, so that J=$(samplemind ingest ... --no-wait) is the job's id.
                Console.Out.WriteLine(shown);
                return ExitCodes.Ok;
            }

            AnsiConsole.MarkupLineInterpolated($"job [bold]{shown}[/] started");

            JsonNode final;
            try
            {
                final = await FollowAsync(api, jobId, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                Console.Error.WriteLine($"Stopped following job {shown}; the job is left as it is (see it with: samplemind jobs {shown}).");
                return ExitCodes.Interrupted;
            }
            catch (Exception e) when (e is HttpRequestException or HttpIOException or TimeoutException)
            {
                // The server was lost (after the tries a read gets) while the job runs on it: say which job, and how to find it.
                Console.Error.WriteLine(e switch
                {
                    HttpIOException => $"The API's answer broke off: {e.Message}",
                    HttpRequestException => $"Cannot reach the API: {e.Message}",
                    _ => e.Message,
                });
                Console.Error.WriteLine($"Stopped following job {shown}; the job goes on on the server (see it with: samplemind jobs {shown}).");
                return ExitCodes.Failed;
            }

            JobsCommand.Print(final);
            return Answer.Whole(final, "failed") > 0 || Answer.Text(final, "state") == "Cancelled" ? ExitCodes.Incomplete : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// <paramref name="folder"/> as the server-side path a directory ingest names: as it is when absolute; a relative one
    /// from this working directory only when the API runs on this machine (loopback), where that is the same folder;
    /// for an API elsewhere a <see cref="UsageException"/>, since this machine's working directory means nothing there.
    /// </summary>
    public static string ServerPath(string folder, Uri api)
    {
        if (Path.IsPathRooted(folder))
        {
            return Path.GetFullPath(folder);
        }

        return api.IsLoopback
            ? Path.GetFullPath(folder)
            : throw new UsageException(
                $"'{folder}' is a relative path, and the API at {api.Authority} is on another machine: give the folder's absolute path on the server, " +
                "or send a folder of this machine with --upload.");
    }

    /// <summary>
    /// Sends <paramref name="folder"/>'s sample files as an upload ingest into <paramref name="library"/> and returns the
    /// job the server started (the answer's JSON text as the API sent it); <paramref name="sent"/> hears the file bytes
    /// sent so far, out of the total. An upload that moves no byte for the API client's answer timeout (a server that
    /// stopped reading it, or that does not answer once it has it all) ends with an <see cref="UploadBrokeOffException"/>.
    /// </summary>
    public static async Task<string> UploadAsync(
        ApiClient api, string library, string folder, string level, int priority, IReadOnlyList<string> labels,
        Action<long, long>? sent, CancellationToken cancellationToken)
    {
        long done = 0;
        using var stalled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stalled.CancelAfter(api.AnswerTimeout);
        using var content = FolderUpload.Of(
            folder,
            (bytes, total) =>
            {
                done = bytes;
                sent?.Invoke(bytes, total);
            },
            () => stalled.CancelAfter(api.AnswerTimeout));
        if (content.LeftOut.Count > 0)
        {
            Console.Error.WriteLine(LeftOutLine(content.LeftOut));
        }

        var query = new List<string> { "level=" + Uri.EscapeDataString(level), "priority=" + priority.ToString(CultureInfo.InvariantCulture) };
        query.AddRange(labels.Select(l => "label=" + Uri.EscapeDataString(l)));
        try
        {
            return await api.PostContentForTextAsync($"v1/libraries/{Ids.Segment(library)}/ingests?{string.Join('&', query)}", content, stalled.Token);
        }
        catch (Exception e) when (Unreadable(e) is { } unreadable)
        {
            throw new UploadBrokeOffException(
                $"The upload stopped after {done} of {content.TotalBytes} file bytes: {Terminal.Clean(unreadable.Message)} " +
                "(it was listed when the upload began). The server keeps nothing of a broken upload; send the folder again.");
        }
        catch (OperationCanceledException) when (stalled.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new UploadBrokeOffException(
                $"The upload made no progress for {api.AnswerTimeout.TotalSeconds:0} s after {done} of {content.TotalBytes} file bytes: " +
                "the server stopped reading it. The server keeps nothing of a broken upload; send the folder again.");
        }
        catch (HttpRequestException e) when (e.HttpRequestError is not (HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError))
        {
            // The connection closed before an answer could be read (one the server sent while the body was sent is read:
            // ConnectionStream).
            throw new UploadBrokeOffException(
                $"The upload broke off after {done} of {content.TotalBytes} file bytes: the connection closed without an answer. " +
                "The server may have refused it part-way (more than its Ingest:MaxUploadBytes, a file over Ingest:MaxFileBytes, " +
                "or more files than Ingest:MaxFilesPerJob), or the connection failed. The server keeps nothing of a refused upload.");
        }
    }

    /// <summary>The line that names the files of an upload's folder that are not sent, and says why.</summary>
    public static string LeftOutLine(IReadOnlyList<string> leftOut) =>
        $"Left out {leftOut.Count} {(leftOut.Count == 1 ? "file that is" : "files that are")} not a regular file (a FIFO, a device or a socket, " +
        $"which cannot be read as a sample): {string.Join(", ", leftOut.Select(name => $"'{Terminal.Clean(name)}'"))}";

    /// <summary>The local file that broke the upload, wherever the HTTP stack wrapped it.</summary>
    private static UnreadableFileException? Unreadable(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is UnreadableFileException unreadable)
            {
                return unreadable;
            }
        }

        return null;
    }

    private static async Task<string> UploadWithProgressAsync(
        ApiClient api, string library, string folder, string level, int priority, IReadOnlyList<string> labels, CancellationToken cancellationToken)
    {
        var job = "";
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var bar = ctx.AddTask("uploading", maxValue: 1);
                job = await UploadAsync(api, library, folder, level, priority, labels, (bytes, total) =>
                {
                    bar.MaxValue = Math.Max(1, total);
                    bar.Value = bytes;
                }, cancellationToken);
                bar.Value = bar.MaxValue;
                bar.StopTask();
            });
        return job;
    }

    /// <summary>
    /// Polls the job until it ends, drawing a progress bar of finished / listed files; while the job is paused it says so
    /// and goes on following it (it may be resumed).
    /// </summary>
    public static async Task<JsonNode> FollowAsync(ApiClient api, string jobId, CancellationToken cancellationToken)
    {
        JsonNode status = new JsonObject();
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var bar = ctx.AddTask("analysing", maxValue: 1);
                var paused = false;
                while (true)
                {
                    status = await api.GetAsync($"v1/jobs/{Ids.Segment(jobId)}", cancellationToken);
                    var done = Answer.Whole(status, "succeeded") + Answer.Whole(status, "failed");
                    var state = Answer.Text(status, "state");
                    var listed = Answer.Whole(status, "listed");
                    bar.MaxValue = Math.Max(1, listed);
                    bar.Value = done;

                    // A description is markup: numbers only.
                    bar.Description = state == "Paused"
                        ? $"{done}/{listed} files, paused"
                        : $"{done}/{listed} files, {Answer.Number(status, "filesPerSecond"):0.0}/s";
                    if (state == "Paused" && !paused)
                    {
                        AnsiConsole.MarkupLineInterpolated($"job [bold]{Terminal.Clean(jobId)}[/] is paused; following it until it is resumed (Ctrl-C stops following and leaves the job paused)");
                    }
                    else if (state != "Paused" && paused)
                    {
                        AnsiConsole.MarkupLineInterpolated($"job [bold]{Terminal.Clean(jobId)}[/] resumed");
                    }

                    paused = state == "Paused";

                    // A cancelled job is followed until the files workers held are recorded, so the summary is final.
                    if (state == "Completed" || (state == "Cancelled" && Answer.Whole(status, "inFlight") == 0))
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
