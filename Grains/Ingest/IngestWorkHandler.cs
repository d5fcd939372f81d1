using System.Text.Json;
using SampleMind.Grains.Abstractions;
using SampleMind.Scheduling;
using SampleMind.Scheduling.Processing;

namespace SampleMind.Grains.Ingest;

/// <summary>The work handler for <see cref="QueueIngestWork.AnalyzeKind"/> items.</summary>
public sealed class IngestWorkHandler(IngestItemProcessor processor) : IWorkHandler
{
    public async Task<WorkOutcome> HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        IngestItemPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize(item.Payload, GrainStateJsonContext.Default.IngestItemPayload);
        }
        catch (JsonException e)
        {
            return WorkOutcome.Reject($"The item's payload is not valid: {e.Message}");
        }

        if (payload is null)
        {
            return WorkOutcome.Reject("The item has no payload.");
        }

        var outcome = await processor.ProcessAsync(payload, cancellationToken);
        if (!outcome.Succeeded)
        {
            return outcome.Retryable ? WorkOutcome.Retry(outcome.Error!) : WorkOutcome.Reject(outcome.Error!);
        }

        var tallies = new Dictionary<string, double>
        {
            // Unrounded: items rounded to the millisecond summed to a total the library's own sum did not match.
            [QueueIngestWork.AudioSecondsTally] = outcome.AudioSeconds,
        };
        if (outcome.Duplicate)
        {
            tallies[QueueIngestWork.DuplicatesTally] = 1;
        }

        var row = outcome.Row! with { Claims = (int)item.LeaseToken };
        return WorkOutcome.Success(JsonSerializer.Serialize(row, GrainsJsonContext.Default.JobResultRow), tallies);
    }
}
