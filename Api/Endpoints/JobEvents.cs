using System.ComponentModel;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SampleMind.Api.Errors;
using SampleMind.Grains.Abstractions.Ingest;
using SampleMind.Runtime;
using SampleMind.Scheduling;

namespace SampleMind.Api.Endpoints;

/// <summary>
/// <c>GET /v1/jobs/{id}/events</c>: Server-Sent Events. Each event is the whole status (type
/// <c>progress</c>, and <c>end</c> once the job completes or is cancelled), sent when it changes.
/// The event id names the state it shows; a client reconnecting with <c>Last-Event-ID</c> is sent
/// the next change, not the state it already has. The job is read again when this silo records an item's
/// outcome (at most every 100 ms), and at least every 250 ms for changes made on other silos. In the job's
/// <see cref="JobTail"/> it is read at each of this silo's outcomes and every 25 ms, so the <c>end</c> event follows
/// the last file at once instead of up to a read interval later. A read that the cluster cannot serve just then (the
/// job's silo killed, its partition moving, the database away) is tried again every second, five times; then the stream
/// ends, logged once (event 7500), and the client reconnects with <c>Last-Event-ID</c>.
/// </summary>
internal static partial class JobEvents
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan s_minInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_tailPollInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>The wait before a read the cluster could not serve is tried again.</summary>
    private static readonly TimeSpan s_unavailableRetry = TimeSpan.FromSeconds(1);

    /// <summary>How many times in a row such a read is tried again before the stream ends.</summary>
    private const int UnavailableRetries = 5;

    public static async Task<Results<ServerSentEventsResult<JobStatus>, NoContent, ProblemHttpResult>> Stream(
        [Description(ParameterDescriptions.JobId)] string jobId, HttpContext context, IGrainFactory grains, IWorkQueue queue, IOptions<ApiOptions> api,
        TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var status = await JobsApi.FindAsync(jobId, context, grains);
        if (status is null)
        {
            return Problems.NotFound($"There is no job '{Identifiers.Shown(jobId)}'.");
        }

        var lastSeen = context.Request.Headers["Last-Event-ID"].ToString();
        if (Ended(status) && EventId(status) == lastSeen)
        {
            // The client has the end already: 204 tells an EventSource to stop reconnecting, where an empty 200 did not.
            return TypedResults.NoContent();
        }

        var stream = new EventStream(grains.GetGrain<IIngestJobGrain>(jobId), queue.Outcomes, context.Response, api.Value.StreamKeepAlive, time,
            jobId, loggers.CreateLogger(typeof(JobEvents).FullName!));
        return TypedResults.ServerSentEvents(Events(stream, lastSeen, cancellationToken));
    }

    internal static async IAsyncEnumerable<SseItem<JobStatus>> Events(
        EventStream stream, string lastSeen, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (_, outcomes, response, keepAlive, time, _, _) = stream;
        // The headers go at once, before the first change: a client that has the current state waits with an open stream
        // instead of with no answer at all (which clients and proxies with a header timeout take for a dead server).
        await response.Body.FlushAsync(cancellationToken);
        var lastWrite = time.GetTimestamp();
        while (!cancellationToken.IsCancellationRequested)
        {
            var read = time.GetTimestamp();
            var outcome = outcomes.Next;
            if (await ReadAsync(stream, cancellationToken) is not { } status)
            {
                // Still unavailable: the stream ends cleanly, and the client reconnects with Last-Event-ID.
                yield break;
            }

            var id = EventId(status);
            var ended = Ended(status);
            if (id != lastSeen)
            {
                lastSeen = id;
                lastWrite = time.GetTimestamp();
                yield return new SseItem<JobStatus>(status, ended ? "end" : "progress") { EventId = id };
            }
            else if (time.GetElapsedTime(lastWrite) >= keepAlive)
            {
                // A comment line, which clients skip: written between events, when the formatter has nothing buffered.
                await response.Body.WriteAsync(": keep-alive\n\n"u8.ToArray(), cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
                lastWrite = time.GetTimestamp();
            }

            if (ended)
            {
                yield break;
            }

            await WaitForChangeAsync(outcome, read, JobTail.Reached(status), time, cancellationToken);
        }
    }

    /// <summary>
    /// The job's status. A read the cluster could not serve just then is tried again every second; null (logged once)
    /// when the last of <see cref="UnavailableRetries"/> retries failed too.
    /// </summary>
    private static async Task<JobStatus?> ReadAsync(EventStream stream, CancellationToken cancellationToken)
    {
        for (var retry = 0; ; retry++)
        {
            try
            {
                return (await stream.Job.GetStatus())!;
            }
            catch (Exception e) when (ProblemExceptionHandler.Unavailable(e))
            {
                if (retry == UnavailableRetries)
                {
                    LogStreamEnded(stream.Logger, stream.JobId, retry + 1, e.GetType().Name, e.Message);
                    return null;
                }
            }

            await Task.Delay(s_unavailableRetry, stream.Time, cancellationToken);
        }
    }

    /// <summary>What one client's stream reads from and writes to, and the job's id for the log.</summary>
    internal sealed record EventStream(
        IIngestJobGrain Job, WorkSignal Outcomes, HttpResponse Response, TimeSpan KeepAlive, TimeProvider Time, string JobId, ILogger Logger);

    [LoggerMessage(EventId = 7500, Level = LogLevel.Warning,
        Message = "The event stream of job {JobId} ended: {Attempts} reads in a row were unavailable, the last with {ExceptionType}: {Reason}")]
    private static partial void LogStreamEnded(ILogger logger, string jobId, int attempts, string exceptionType, string reason);

    /// <summary>A cancelled job ends once the files workers held at the cancel are recorded: its end carries the final counts.</summary>
    private static bool Ended(JobStatus status) =>
        status.State is JobState.Completed || (status.State is JobState.Cancelled && status.InFlight == 0);

    /// <summary>
    /// Waits for this silo's next recorded outcome or the poll interval, and keeps reads at least 100 ms apart, except
    /// in the job's <paramref name="tail"/>.
    /// </summary>
    private static async Task WaitForChangeAsync(Task outcome, long lastRead, bool tail, TimeProvider time, CancellationToken cancellationToken)
    {
        using (var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var delay = Task.Delay(tail ? s_tailPollInterval : s_pollInterval, time, poll.Token);
            await Task.WhenAny(outcome, delay);
            await poll.CancelAsync();
        }

        if (tail)
        {
            return;
        }

        var rest = s_minInterval - time.GetElapsedTime(lastRead);
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest, time, cancellationToken);
        }
    }

    /// <summary>
    /// Names the state an event shows by everything that changes as a job runs (not its rate), so that two different
    /// states never share an id: a cancelled job's last <c>progress</c> (files in flight) and its <c>end</c> (none) did.
    /// </summary>
    private static string EventId(JobStatus s) =>
        $"{s.Listed}.{s.Succeeded}.{s.Failed}.{(int)s.State}.{s.InFlight}.{s.Duplicates}.{(s.ListingComplete ? 1 : 0)}";
}
