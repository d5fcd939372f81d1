namespace SampleMind.Grains.Abstractions.Ingest;

/// <summary>What <see cref="IJobIndexGrain.View(int, int)"/> lists, and what it knows of the jobs it leaves out.</summary>
/// <param name="Listed">The jobs listed, newest first, with the state and failures the index last noted.</param>
/// <param name="RunningNotListed">Running jobs past the active limit.</param>
/// <param name="PausedNotListed">Paused jobs past the active limit.</param>
/// <param name="FailedNotListed">Files set aside by the jobs not listed, as last noted (an ended job's are final).</param>
public sealed record JobIndexView(IReadOnlyList<JobIndexItem> Listed, int RunningNotListed, int PausedNotListed, long FailedNotListed);

/// <summary>A job of the index: when it was created, and its state and files set aside as last noted.</summary>
public sealed record JobIndexItem(string JobId, JobState State, long Failed, DateTimeOffset CreatedAt);
