namespace SampleMind.Search.Index.Internal;

/// <summary>Adapts a predicate over external ids to a slot filter.</summary>
internal sealed class IdFilter(Func<string, bool> predicate, Func<int, string?> idOf) : ISlotFilter
{
    public bool Matches(int slot) => idOf(slot) is { } id && predicate(id);
}
