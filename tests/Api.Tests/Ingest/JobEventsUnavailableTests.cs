using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SampleMind.Api.Endpoints;
using SampleMind.Grains.Abstractions.Ingest;
using SampleMind.Runtime.Cluster;
using SampleMind.Scheduling;

namespace SampleMind.Api.Tests.Ingest;

/// <summary>
/// A job's event stream whose reads the cluster cannot serve just then (the job's silo killed, the database away): the
/// read is tried again and the stream goes on once it answers; a job that stays unavailable ends the stream cleanly, with
/// one warning, where the exception escaped the stream and the transfer broke off mid-chunk.
/// </summary>
public sealed class JobEventsUnavailableTests
{
    [Fact]
    public async Task A_read_that_fails_while_the_silo_or_database_is_away_is_tried_again_and_the_stream_goes_on()
    {
        var job = new FlakyJob(
            new SiloUnavailableException("Call to ingestjob/j1 found no silo to run it within 23 s."),
            new StorageUnavailableException("The cluster database could not be reached."));
        var logger = new ListLogger();

        var events = await ReadAllAsync(job, logger);

        var end = Assert.Single(events);
        Assert.Equal("end", end.EventType);
        Assert.Equal(3, job.Calls);
        Assert.Equal(0, logger.Warnings);
    }

    [Fact]
    public async Task A_job_that_stays_unavailable_ends_the_stream_with_one_warning()
    {
        var job = new FlakyJob([.. Enumerable.Repeat(new StorageUnavailableException("The cluster database could not be reached."), 100)]);
        var logger = new ListLogger();

        var events = await ReadAllAsync(job, logger);

        Assert.Empty(events);
        Assert.Equal(6, job.Calls);
        Assert.Equal(1, logger.Warnings);
    }

    [Fact]
    public async Task A_read_that_fails_for_another_reason_is_not_retried()
    {
        var job = new FlakyJob(new InvalidOperationException("a bug"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => ReadAllAsync(job, new ListLogger()));
        Assert.Equal(1, job.Calls);
    }

    private static async Task<List<System.Net.ServerSentEvents.SseItem<JobStatus>>> ReadAllAsync(FlakyJob job, ListLogger logger)
    {
        var context = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
        var stream = new JobEvents.EventStream(job, new WorkSignal(), context.Response, TimeSpan.FromHours(1), new InstantTimeProvider(), "j1", logger);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var events = new List<System.Net.ServerSentEvents.SseItem<JobStatus>>();
        await foreach (var item in JobEvents.Events(stream, "", timeout.Token))
        {
            events.Add(item);
        }

        return events;
    }

    /// <summary>Throws the given exceptions one call each, then answers a completed job.</summary>
    private sealed class FlakyJob(params Exception[] failures) : IIngestJobGrain
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task<JobStatus?> GetStatus()
        {
            var call = Interlocked.Increment(ref _calls);
            return call <= failures.Length
                ? Task.FromException<JobStatus?>(failures[call - 1])
                : Task.FromResult<JobStatus?>(new JobStatus("j1", "t1", "lib", JobState.Completed, 1, true, 1, 0, 0, 0, 0, null, 1,
                    DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, []));
        }

        public Task<JobStatus> Start(IngestJobSpec spec) => throw new NotSupportedException();

        public Task<JobStatus?> Pause() => throw new NotSupportedException();

        public Task<JobStatus?> Resume() => throw new NotSupportedException();

        public Task<JobStatus?> Cancel() => throw new NotSupportedException();

        public Task<IngestJobSpec?> GetSpec() => throw new NotSupportedException();
    }

    /// <summary>The system clock whose timers fire at once: the retries' waits pass without the test waiting for them.</summary>
    private sealed class InstantTimeProvider : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            System.CreateTimer(callback, state, TimeSpan.Zero, period);
    }

    private sealed class ListLogger : ILogger
    {
        private int _warnings;

        public int Warnings => Volatile.Read(ref _warnings);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning && eventId.Id == 7500)
            {
                Interlocked.Increment(ref _warnings);
            }
        }
    }
}
