namespace SampleMind.Scheduling.Storage;

/// <summary>
/// A lane: the pending items of one job that need one role at one priority. Lanes carry the exact
/// counters and the round-robin position (last served).
/// </summary>
internal readonly record struct LaneKey(string JobId, string Role, int Priority) : IComparable<LaneKey>
{
    /// <summary>Total order used to lock lane rows, so concurrent transactions cannot deadlock on them.</summary>
    public int CompareTo(LaneKey other)
    {
        var byJob = string.CompareOrdinal(JobId, other.JobId);
        if (byJob != 0)
        {
            return byJob;
        }

        var byRole = string.CompareOrdinal(Role, other.Role);
        return byRole != 0 ? byRole : Priority.CompareTo(other.Priority);
    }
}
