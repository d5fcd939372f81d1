namespace SampleMind.Scheduling;

/// <summary>A job: a named batch of work items owned by a tenant.</summary>
/// <param name="JobId">Unique job id (e.g. the ingest job grain key).</param>
/// <param name="TenantId">The tenant that owns the job; claimed items carry it.</param>
/// <param name="Priority">0 (lowest) to 9 (highest); the default priority of the job's items.</param>
/// <param name="Kind">What the job does (e.g. "ingest"); informational.</param>
public sealed record WorkJob(string JobId, string TenantId, int Priority, string Kind);
