using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using SampleMind.Api.Errors;
using SampleMind.Grains.Abstractions.Ingest;
using SampleMind.Runtime;

namespace SampleMind.Api.Endpoints;

/// <summary>
/// <c>GET /v1/jobs/{id}/events</c>: Server-Sent Events. Each event is the whole status (type
/// <c>progress</c>, and <c>end</c> once the job completes or is cancelled), sent when it changes.
/// The event id names the state it shows; a client reconnecting with <c>Last-Event-ID</c> is sent
/// the next change, not the state it already has.
/// </summary>
internal static class JobEvents
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(250);

    public static async Task<Results<ServerSentEventsResult<JobStatus>, ProblemHttpResult>> Stream(
        string jobId, HttpContext context, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await JobsApi.FindAsync(jobId, context, grains) is null)
        {
            return Problems.NotFound($"There is no job '{jobId}'.");
        }

        var lastSeen = context.Request.Headers["Last-Event-ID"].ToString();
        return TypedResults.ServerSentEvents(Events(grains.GetGrain<IIngestJobGrain>(jobId), lastSeen, time, cancellationToken));
    }

    private static async IAsyncEnumerable<SseItem<JobStatus>> Events(
        IIngestJobGrain job, string lastSeen, TimeProvider time, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var status = (await job.GetStatus())!;
            var id = EventId(status);
            var ended = status.State is JobState.Completed or JobState.Cancelled;
            if (id != lastSeen)
            {
                lastSeen = id;
                yield return new SseItem<JobStatus>(status, ended ? "end" : "progress") { EventId = id };
            }

            if (ended)
            {
                yield break;
            }

            await Task.Delay(s_pollInterval, time, cancellationToken);
        }
    }

    private static string EventId(JobStatus s) => $"{s.Listed}.{s.Succeeded}.{s.Failed}.{(int)s.State}";
}
