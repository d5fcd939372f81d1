using SampleMind.Search.Filters;
using SampleMind.Search.Index;
using SampleMind.Search.Text;

namespace SampleMind.Search.Ranking;

/// <summary>A compiled sample filter plus the text query's excluded words, checked per slot.</summary>
internal sealed class EngineFilter(CompiledFilter filter, IReadOnlyList<string>?[] words, IReadOnlyList<QueryTerm> excluded) : ISlotFilter
{
    public bool Matches(int slot)
    {
        if (!filter.Matches(slot))
        {
            return false;
        }

        if (excluded.Count == 0)
        {
            return true;
        }

        var w = words[slot];
        if (w is null)
        {
            return true;
        }

        foreach (var term in excluded)
        {
            if (NameTokenizer.Matches(w, term))
            {
                return false;
            }
        }

        return true;
    }
}
