using System.Globalization;
using System.Text.Json;
using SampleMind.Scheduling;
using SampleMind.Scheduling.Processing;

namespace SampleMind.TestSilo.Work;

/// <summary>
/// Handles kind "test-work": an item whose payload has <c>"poison": true</c> throws on every attempt
/// (set aside after the queue's MaxAttempts); any other succeeds with the silo and attempt as result
/// and tally "completed" = 1. In hold mode every item is held until the process dies.
/// </summary>
internal sealed class TestWorkHandler(string siloId, bool hold) : IWorkHandler
{
    public const string Kind = "test-work";

    public async Task<WorkOutcome> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        if (hold)
        {
            Program.Report($"HOLDING {item.ItemKey}");
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        using (var payload = JsonDocument.Parse(item.Payload))
        {
            if (payload.RootElement.TryGetProperty("poison", out var poison) && poison.GetBoolean())
            {
                throw new InvalidOperationException($"poison item {item.ItemKey} (attempt {item.Attempt})");
            }
        }

        var result = string.Create(CultureInfo.InvariantCulture, $$"""{"silo":"{{siloId}}","attempt":{{item.Attempt}}}""");
        return WorkOutcome.Success(result, new Dictionary<string, double> { ["completed"] = 1 });
    }
}
