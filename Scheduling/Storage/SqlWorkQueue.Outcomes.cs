using SampleMind.Scheduling.Diagnostics;

namespace SampleMind.Scheduling.Storage;

public abstract partial class SqlWorkQueue
{
    /// <inheritdoc />
    public async Task<bool> CompleteAsync(
        long itemId,
        long leaseToken,
        string? resultJson,
        IReadOnlyDictionary<string, double>? tallies = null,
        CancellationToken cancellationToken = default)
    {
        var completion = new WorkCompletion(itemId, leaseToken, resultJson, tallies);
        var recorded = await WriteAsync(async scope =>
        {
            var deltas = new LaneDeltas();
            var recorded = (await CompleteAllInScopeAsync(scope, [completion], deltas, cancellationToken))[0];
            await deltas.ApplyAsync(scope, cancellationToken);
            return recorded;
        }, cancellationToken);
        ReportCompletions([completion], [recorded]);
        return recorded;
    }

    /// <summary>
    /// Records the completions whose items are unfinished, with one locking read of all their items (in id order) and
    /// one update, whatever their number; returns which were recorded. Of two completions of one item, the first wins.
    /// The statements' item lists are padded to a power of two, so that few distinct statements are prepared.
    /// </summary>
    private async Task<bool[]> CompleteAllInScopeAsync(
        SqlScope scope, IReadOnlyList<WorkCompletion> completions, LaneDeltas deltas, CancellationToken cancellationToken)
    {
        var recorded = new bool[completions.Count];
        if (completions.Count == 0)
        {
            return recorded;
        }

        var ids = completions.Select(c => c.ItemId).Distinct().Order().ToArray();
        var items = await ReadItemsForChangeAsync(scope, ids, cancellationToken);
        var done = new List<WorkCompletion>(completions.Count);
        for (var i = 0; i < completions.Count; i++)
        {
            var completion = completions[i];
            // First completion wins: any lease ever issued for the item may complete it while it is unfinished.
            if (!items.TryGetValue(completion.ItemId, out var item) || item.State is not (ItemState.Pending or ItemState.Leased)
                || completion.LeaseToken < 1 || completion.LeaseToken > item.Epoch)
            {
                continue;
            }

            recorded[i] = true;
            items[completion.ItemId] = item with { State = ItemState.Succeeded };
            done.Add(completion);
            var wasLeased = item.State == ItemState.Leased;
            deltas.Add(item.Lane, leased: wasLeased ? -1 : 0, pending: wasLeased ? 0 : -1, succeeded: 1);
            deltas.AddTallies(item.Lane.JobId, completion.Tallies);
        }

        if (done.Count > 0)
        {
            await MarkSucceededAsync(scope, done, cancellationToken);
        }

        return recorded;
    }

    /// <summary>Marks the items of <paramref name="done"/> succeeded, each with its result, in one statement.</summary>
    private async Task MarkSucceededAsync(SqlScope scope, List<WorkCompletion> done, CancellationToken cancellationToken)
    {
        var size = PaddedSize(done.Count);
        var ids = DbCommandExtensions.ParameterNames("id", size);
        var results = DbCommandExtensions.ParameterNames("result", size);
        var cases = string.Join(" ", Enumerable.Range(0, size).Select(i => $"WHEN {ids[i]} THEN {results[i]}"));
        await using var command = scope.Command($"""
            UPDATE work_items SET state = 2, result = CASE id {cases} END, completed_at = @now, lease_owner = NULL, lease_until = NULL
            WHERE id IN ({string.Join(", ", ids)})
            """);
        for (var i = 0; i < size; i++)
        {
            command.With(ids[i], i < done.Count ? done[i].ItemId : -1L).With(results[i], i < done.Count ? done[i].ResultJson : null);
        }

        command.With("@now", NowMs);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The items <paramref name="ids"/> (ascending) that exist, read and, where the provider locks rows, locked in id order.</summary>
    private async Task<Dictionary<long, ItemRow>> ReadItemsForChangeAsync(SqlScope scope, long[] ids, CancellationToken cancellationToken)
    {
        var size = PaddedSize(ids.Length);
        var names = DbCommandExtensions.ParameterNames("id", size);
        await using var command = scope.Command(
            $"SELECT id, job_id, role, priority, state, lease_epoch, attempt FROM work_items WHERE id IN ({string.Join(", ", names)}) ORDER BY id" + ForUpdate);
        for (var i = 0; i < size; i++)
        {
            command.With(names[i], i < ids.Length ? ids[i] : -1L);
        }

        var items = new Dictionary<long, ItemRow>(ids.Length);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items[reader.GetInt64(0)] = new ItemRow(ReadLane(reader, 1), reader.GetInt32(4), reader.GetInt64(5), reader.GetInt32(6));
        }

        return items;
    }

    /// <summary>The smallest power of two not below <paramref name="count"/>.</summary>
    private static int PaddedSize(int count) => (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, count));

    /// <summary>Counts the recorded completions, logs the others, and pulses <see cref="Outcomes"/> once if any was recorded.</summary>
    private void ReportCompletions(IReadOnlyList<WorkCompletion> completions, IReadOnlyList<bool> recorded)
    {
        var count = 0;
        for (var i = 0; i < completions.Count; i++)
        {
            if (recorded[i])
            {
                count++;
            }
            else
            {
                SchedulingLog.DuplicateCompletion(_logger, completions[i].ItemId, completions[i].LeaseToken);
            }
        }

        if (count > 0)
        {
            SchedulingMetrics.Completed.Add(count);
            Outcomes.Pulse();
        }
    }

    /// <inheritdoc />
    public async Task<WorkFailResult> FailAsync(
        long itemId,
        long leaseToken,
        string error,
        bool retryable,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        var (result, attempt, backoff) = await WriteAsync(async scope =>
        {
            var rows = await ReadItemsForChangeAsync(scope, [itemId], cancellationToken);
            if (!rows.TryGetValue(itemId, out var item) || item.State != ItemState.Leased || item.Epoch != leaseToken)
            {
                return (WorkFailResult.LeaseLost, 0, TimeSpan.Zero);
            }

            var now = NowMs;
            var setAside = !retryable || item.Attempt >= _options.MaxAttempts;
            var backoff = setAside ? TimeSpan.Zero : BackoffFor(item.Attempt);
            await using (var command = scope.Command("""
                UPDATE work_items SET state = @state, error = @error, lease_owner = NULL, lease_until = NULL,
                    available_at = @available, completed_at = @completed
                WHERE id = @id
                """))
            {
                command.With("@state", setAside ? ItemState.Failed : ItemState.Pending).With("@error", error)
                    .With("@available", now + (long)backoff.TotalMilliseconds).With("@completed", setAside ? now : null)
                    .With("@id", itemId);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            var deltas = new LaneDeltas();
            deltas.Add(item.Lane, leased: -1, pending: setAside ? 0 : 1, failed: setAside ? 1 : 0);
            await deltas.ApplyAsync(scope, cancellationToken);
            return (setAside ? WorkFailResult.SetAside : WorkFailResult.Retrying, item.Attempt, backoff);
        }, cancellationToken);
        ReportFailure(itemId, result, attempt, backoff, error, retryable);
        if (result != WorkFailResult.LeaseLost)
        {
            Outcomes.Pulse();
        }

        return result;
    }

    /// <summary>
    /// Counts a failure and logs it: a warning for an item set aside because its attempts ran out (an operator's
    /// concern), Debug for one its handler rejected (missing, corrupt, over quota), which is in its job's results and
    /// may come once per file of a large job.
    /// </summary>
    private void ReportFailure(long itemId, WorkFailResult result, int attempt, TimeSpan backoff, string error, bool retryable)
    {
        if (result == WorkFailResult.LeaseLost)
        {
            return;
        }

        SchedulingMetrics.Failed.Add(1);
        if (result == WorkFailResult.SetAside)
        {
            SchedulingMetrics.SetAside.Add(1);
            if (retryable)
            {
                SchedulingLog.ItemSetAside(_logger, itemId, attempt, error);
            }
            else
            {
                SchedulingLog.ItemRejected(_logger, itemId, attempt, error);
            }
        }
        else
        {
            SchedulingLog.ItemRetrying(_logger, itemId, attempt, backoff, error);
        }
    }

    private readonly record struct ItemRow(LaneKey Lane, int State, long Epoch, int Attempt);
}
