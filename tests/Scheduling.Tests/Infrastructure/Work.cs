namespace SampleMind.Scheduling.Tests.Infrastructure;

/// <summary>Small builders for jobs and items.</summary>
public static class Work
{
    public static readonly string[] Cpu = [WorkRoles.Cpu];
    public static readonly string[] Gpu = [WorkRoles.Gpu];
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    public static WorkJob Job(string id, int priority = 5, string tenant = "tenant-a") => new(id, tenant, priority, "ingest");

    public static WorkItemRequest[] Items(int count, string role = WorkRoles.Cpu, string prefix = "file", int? priority = null) =>
        Enumerable.Range(0, count)
            .Select(i => new WorkItemRequest($"{prefix}-{i:D5}.wav", "analyze", role, $"{{\"n\":{i}}}", priority))
            .ToArray();

    public static async Task<IWorkQueue> WithJobAsync(
        this IWorkQueue queue, string jobId, int items, int priority = 5, string tenant = "tenant-a")
    {
        await queue.RegisterJobAsync(Job(jobId, priority, tenant));
        await queue.EnqueueAsync(jobId, Items(items));
        return queue;
    }
}
