using SampleMind.Search.Filters;

namespace SampleMind.Search.Text;

/// <summary>What the parser has gathered so far.</summary>
internal sealed class ParseState
{
    private readonly List<string> _preferences = [];
    private readonly List<string> _avoid = [];
    private readonly List<QueryTerm> _terms = [];
    private readonly List<QueryTerm> _excludedTerms = [];
    private readonly List<string> _excludedDefects = [];

    public SampleFilter Filter { get; set; } = new();

    public void Prefer(string descriptor) => AddOnce(_preferences, descriptor);

    public void Avoid(string descriptor) => AddOnce(_avoid, descriptor);

    public void ExcludeDefect(string defect) => AddOnce(_excludedDefects, defect);

    public void AddTerm(QueryTerm term)
    {
        if (!_terms.Exists(t => t.Term == term.Term))
        {
            _terms.Add(term);
        }
    }

    public void ExcludeTerm(QueryTerm term)
    {
        if (!_excludedTerms.Exists(t => t.Term == term.Term))
        {
            _excludedTerms.Add(term);
        }
    }

    public TextQuery ToQuery(string text) => new()
    {
        Text = text,
        Filter = Filter with { ExcludedDefects = [.. _excludedDefects] },
        Preferences = [.. _preferences],
        Avoid = [.. _avoid],
        Terms = [.. _terms],
        ExcludedTerms = [.. _excludedTerms],
    };

    private static void AddOnce(List<string> list, string value)
    {
        if (!list.Contains(value))
        {
            list.Add(value);
        }
    }
}
