namespace SampleMind.Grains.Abstractions.Sessions;

/// <summary>Committed ops with revisions in (<paramref name="From"/>, <paramref name="To"/>].</summary>
/// <param name="Available">False when <paramref name="From"/> is older than <paramref name="OldestRevision"/> (nothing returned).</param>
/// <param name="From">Exclusive lower bound asked for.</param>
/// <param name="To">Inclusive upper bound (capped at the current revision).</param>
/// <param name="OldestRevision">The oldest revision the retained history starts after.</param>
/// <param name="Ops">The ops in revision order.</param>
public sealed record SessionHistory(bool Available, long From, long To, long OldestRevision, IReadOnlyList<SessionOp> Ops);
