using System.Text.Json;
using Microsoft.Extensions.Options;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Grains.Abstractions.Webhooks;
using SampleMind.Runtime;
using SampleMind.Runtime.Hosting;

namespace SampleMind.Grains.Webhooks;

/// <summary>
/// A job's webhook outbox. Queuing an event persists it and registers the grain's reminder, a
/// durable Quartz trigger (SQLite job store embedded, the clustered PostgreSQL one in cluster mode),
/// due at once; each firing starts one attempt for the earliest due event. The attempt's HTTP exchange runs outside
/// the grain's turns, so queuing an event (the job's pause, resume and end) and reading the log never wait on a
/// receiver; a turn of its own (a one-shot grain timer) then records the outcome and moves the trigger to the next due
/// attempt (or removes it when nothing is pending). One attempt is in flight at a time. So deliveries and their
/// retries survive a restart, and an event the receiver acknowledged (2xx) is marked delivered and
/// never sent again. Delivery is at least once: a crash between the receiver's answer and the
/// write of the log leaves the event pending, and the reminder's next firing sends that attempt again, with the same
/// event id.
/// </summary>
public sealed class WebhookDeliveryGrain(
    [PersistentState("webhooks", "Default")] IPersistentState<WebhookOutboxState> state,
    WebhookSender sender,
    IOptions<WebhookOptions> options,
    IOptions<SiloOptions> silo,
    TimeProvider time) : Grain, IWebhookDeliveryGrain, IRemindable
{
    /// <summary>Events kept per job (bounding the state); the oldest finished ones are dropped first.</summary>
    public const int MaxEvents = 100;

    private const string ReminderName = "webhook-delivery";

    private InFlightAttempt? _inFlight;

    public async Task Enqueue(string tenantId, string url, WebhookEvent webhookEvent)
    {
        if (state.State.Events.Exists(e => e.Event.Id == webhookEvent.Id))
        {
            return;
        }

        state.State.Events.Add(new WebhookOutboxEntry
        {
            Event = webhookEvent,
            TenantId = tenantId,
            Url = url,
            Body = JsonSerializer.Serialize(webhookEvent, WebhooksJsonContext.Default.WebhookEvent),
            State = WebhookDeliveryState.Pending,
            NextAttemptAt = time.GetUtcNow(),
        });
        DropOldest();
        await state.WriteStateAsync();
        await ScheduleAsync();
    }

    public Task<WebhookDeliveryLog> GetLog()
    {
        var events = state.State.Events.ConvertAll(e =>
            new WebhookEventStatus(e.Event.Id, e.Event.Type, e.Url, e.Event.CreatedAt, e.State, e.Attempts, e.NextAttemptAt));
        return Task.FromResult(new WebhookDeliveryLog(GetPrimaryKeyString(), events, [.. state.State.Attempts]));
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (_inFlight is not null)
        {
            // One attempt at a time: recording the one in flight points the reminder at the next.
            return;
        }

        var now = time.GetUtcNow();
        WebhookOutboxEntry? due = null;
        foreach (var entry in state.State.Events)
        {
            if (entry.State == WebhookDeliveryState.Pending && entry.NextAttemptAt <= now && (due is null || entry.NextAttemptAt < due.NextAttemptAt))
            {
                due = entry;
            }
        }

        if (due is not null)
        {
            await StartAttemptAsync(due);
            return;
        }

        await ScheduleAsync();
    }

    /// <summary>
    /// Starts the attempt and ends the turn: the send runs on its own, and when it ends it fires a one-shot timer whose
    /// turn records the outcome (<see cref="RecordAttemptAsync"/>).
    /// </summary>
    private async Task StartAttemptAsync(WebhookOutboxEntry entry)
    {
        var secret = await GrainFactory.GetGrain<ITenantGrain>(entry.TenantId).GetWebhookSecret();
        var recorder = RegisterGrainTimer(RecordAttemptAsync, System.Threading.Timeout.InfiniteTimeSpan, System.Threading.Timeout.InfiniteTimeSpan);
        var number = entry.Attempts + 1;
        var at = time.GetUtcNow();
        var sending = sender.SendAsync(entry.Url, secret, entry.Event, entry.Body, number, CancellationToken.None);
        _inFlight = new InFlightAttempt(entry.Event.Id, number, at, sending, recorder);
        _ = sending.ContinueWith(static (_, timer) => Wake((IGrainTimer)timer!), recorder, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static void Wake(IGrainTimer recorder)
    {
        try
        {
            recorder.Change(TimeSpan.Zero, System.Threading.Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // The activation ended during the attempt: its event stays pending, and the reminder's next firing sends it again.
        }
    }

    /// <summary>
    /// Records the attempt that ended, unless its event was dropped meanwhile, and points the reminder at the next
    /// due attempt. A send that threw leaves its event pending for the reminder's next firing.
    /// </summary>
    private async Task RecordAttemptAsync(CancellationToken cancellationToken)
    {
        if (_inFlight is not { } attempt)
        {
            return;
        }

        _inFlight = null;
        try
        {
            var result = await attempt.Sending;
            if (state.State.Events.Find(e => e.Event.Id == attempt.EventId) is { State: WebhookDeliveryState.Pending } entry
                && entry.Attempts == attempt.Number - 1)
            {
                Record(entry, attempt.Number, attempt.At, result);
                await state.WriteStateAsync(cancellationToken);
            }
        }
        finally
        {
            attempt.Recorder.Dispose();
        }

        await ScheduleAsync();
    }

    private void Record(WebhookOutboxEntry entry, int number, DateTimeOffset at, WebhookSendResult result)
    {
        entry.Attempts = number;
        entry.NextAttemptAt = null;
        if (result.Delivered)
        {
            entry.State = WebhookDeliveryState.Delivered;
        }
        else if (result.Permanent || number >= options.Value.MaxAttempts)
        {
            entry.State = WebhookDeliveryState.GaveUp;
        }
        else
        {
            // Counted from the attempt's end, so the log shows the backoff exactly: next - at - duration.
            entry.NextAttemptAt = at + result.Duration + RetryDelay(number);
        }

        state.State.Attempts.Add(new WebhookAttempt(entry.Event.Id, entry.Event.Type, number, at, result.StatusCode, result.Error,
            Math.Round(result.Duration.TotalMilliseconds, 1), entry.NextAttemptAt));
    }

    /// <summary>The wait after failed attempt <paramref name="attempt"/>: the first delay doubled per earlier failure, capped.</summary>
    private TimeSpan RetryDelay(int attempt)
    {
        var o = options.Value;
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        return TimeSpan.FromTicks((long)Math.Min(o.FirstRetryDelay.Ticks * factor, o.MaxRetryDelay.Ticks));
    }

    /// <summary>Points the reminder at the earliest due attempt, or removes it when nothing is pending.</summary>
    private async Task ScheduleAsync()
    {
        DateTimeOffset? next = null;
        foreach (var entry in state.State.Events)
        {
            if (entry.State == WebhookDeliveryState.Pending && (next is null || entry.NextAttemptAt < next))
            {
                next = entry.NextAttemptAt;
            }
        }

        if (next is { } due)
        {
            // The period only matters if a firing is lost (a crash mid-turn): the reminder then fires again.
            var period = TimeSpan.FromTicks(Math.Max(silo.Value.MinimumReminderPeriod.Ticks, TimeSpan.FromMinutes(1).Ticks));
            var wait = due - time.GetUtcNow();
            await RegisterOrUpdateReminder(ReminderName, wait > TimeSpan.Zero ? wait : TimeSpan.Zero, period);
        }
        else if (await GetReminder(ReminderName) is { } reminder)
        {
            await UnregisterReminder(reminder);
        }
    }

    /// <summary>Keeps at most <see cref="MaxEvents"/>: the oldest finished event goes first, else the oldest pending one.</summary>
    private void DropOldest()
    {
        while (state.State.Events.Count > MaxEvents)
        {
            var index = Math.Max(0, state.State.Events.FindIndex(e => e.State != WebhookDeliveryState.Pending));
            var id = state.State.Events[index].Event.Id;
            state.State.Events.RemoveAt(index);
            state.State.Attempts.RemoveAll(a => a.EventId == id);
        }
    }

    /// <summary>The attempt whose send runs outside the grain's turns, and the timer that records it when it ends.</summary>
    private sealed record InFlightAttempt(string EventId, int Number, DateTimeOffset At, Task<WebhookSendResult> Sending, IGrainTimer Recorder);
}
