namespace SampleMind.Dashboard.Tests.Fixture;

/// <summary>
/// The fixture's cluster state: a tick that tests advance, the jobs' states that the page's
/// buttons change, and the log of job actions the page posted. Every change bumps a version and
/// wakes the event streams, which then send the new snapshot.
/// </summary>
internal sealed class SimulatedCluster
{
    private readonly Lock _lock = new();
    private readonly string[] _jobStates;
    private readonly List<JobAction> _actions = [];
    private TaskCompletionSource _changed = NewSignal();
    private int _tick;
    private int _version;

    public SimulatedCluster()
    {
        _jobStates = new string[SnapshotGenerator.JobCount];
        for (var i = 0; i < _jobStates.Length; i++)
        {
            _jobStates[i] = i switch
            {
                < 40 => "Running",
                < 45 => "Paused",
                < 48 => "Completed",
                _ => "Cancelled",
            };
        }
    }

    /// <summary>The tick the next snapshot is built for.</summary>
    public int Tick
    {
        get
        {
            lock (_lock)
            {
                return _tick;
            }
        }
    }

    /// <summary>The job actions posted so far, in order.</summary>
    public IReadOnlyList<JobAction> Actions
    {
        get
        {
            lock (_lock)
            {
                return [.. _actions];
            }
        }
    }

    /// <summary>The first job in a state.</summary>
    public string FirstJobIn(string state)
    {
        lock (_lock)
        {
            var index = Array.IndexOf(_jobStates, state);
            return index >= 0 ? SnapshotGenerator.JobId(index) : throw new InvalidOperationException($"no job is {state}");
        }
    }

    /// <summary>The current snapshot and the version it belongs to.</summary>
    public (int Version, DashboardSnapshot Snapshot) Current()
    {
        lock (_lock)
        {
            return (_version, SnapshotGenerator.Build(_tick, [.. _jobStates]));
        }
    }

    /// <summary>Moves time on by one tick: the queue depths change.</summary>
    public void Advance()
    {
        lock (_lock)
        {
            _tick++;
            Changed();
        }
    }

    /// <summary>Applies pause, resume or cancel as the real job grain would; null for an unknown job.</summary>
    public string? Apply(string jobId, string action)
    {
        lock (_lock)
        {
            _actions.Add(new JobAction(jobId, action));
            var index = IndexOf(jobId);
            if (index < 0)
            {
                return null;
            }

            _jobStates[index] = (action, _jobStates[index]) switch
            {
                ("pause", "Running") => "Paused",
                ("resume", "Paused") => "Running",
                ("cancel", "Running" or "Paused") => "Cancelled",
                (_, var unchanged) => unchanged,
            };
            Changed();
            return _jobStates[index];
        }
    }

    /// <summary>Completes when the version differs from <paramref name="seenVersion"/>.</summary>
    public Task WaitForChangeAsync(int seenVersion, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _version != seenVersion ? Task.CompletedTask : _changed.Task.WaitAsync(cancellationToken);
        }
    }

    private static int IndexOf(string jobId)
    {
        for (var i = 0; i < SnapshotGenerator.JobCount; i++)
        {
            if (SnapshotGenerator.JobId(i) == jobId)
            {
                return i;
            }
        }

        return -1;
    }

    private void Changed()
    {
        _version++;
        var signal = _changed;
        _changed = NewSignal();
        signal.SetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
