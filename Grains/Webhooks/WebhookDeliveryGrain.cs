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
/// due at once; each firing makes one attempt for the earliest due event, records it, and moves the
/// trigger to the next due attempt (or removes it when nothing is pending). So deliveries and their
/// retries survive a restart, and an event the receiver acknowledged (2xx) is marked delivered and
/// never sent again. Delivery is at least once: a crash between the receiver's answer and the
/// write of the log sends that attempt again, with the same event id.
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
            await AttemptAsync(due);
        }

        await ScheduleAsync();
    }

    private async Task AttemptAsync(WebhookOutboxEntry entry)
    {
        var secret = await GrainFactory.GetGrain<ITenantGrain>(entry.TenantId).GetWebhookSecret();
        var number = entry.Attempts + 1;
        var at = time.GetUtcNow();
        var result = await sender.SendAsync(entry.Url, secret, entry.Event, entry.Body, number, CancellationToken.None);
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
        await state.WriteStateAsync();
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
}
